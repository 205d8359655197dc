import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureSiteDir } from '../tests/support/app.ts';
import { contactFields, humanMeta } from '../tests/support/forms.ts';
import { freePort, spawnServer, trackServers, waitHealthy } from '../tests/support/process.ts';
import { loadEnv } from './env.ts';

const track = trackServers();

const start = async (env: Record<string, string>) => {
  const s = await spawnServer({ SITE_DIR: fixtureSiteDir(), DATA_DIR: mkdtempSync(join(tmpdir(), 'anchor-role-')), ...env });
  track(s);
  await waitHealthy(s.port);
  return s;
};

/** A full keyring made with the keys CLI, as an operator would. */
function fullKeyring(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'anchor-role-keys-')), 'staff.json');
  const result = spawnSync(process.execPath, ['scripts/keys.ts', 'generate', '--out', path], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return path;
}

describe('ROLE', () => {
  it('public: no private key in memory even when given the full keyring, no staff API, and the forms still take a submission', async () => {
    const s = await start({ ROLE: 'public', INTAKE_KEYRING: fullKeyring() });
    const base = `http://127.0.0.1:${s.port}`;
    // A public host tells anyone its status only; its proxy and its internal port get no more.
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ status: 'ok' });
    const me = await fetch(`${base}/api/staff/me`);
    expect(me.status).toBe(404);
    expect(me.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(await me.json()).toEqual({ error: 'not_found' });
    expect((await fetch(`${base}/api/staff/cases`)).status).toBe(404);
    const submitted = await fetch(`${base}/api/forms/contact`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' },
      body: JSON.stringify({ ...contactFields(), meta: humanMeta() }),
    });
    expect(submitted.status).toBe(201);
    expect(((await submitted.json()) as { reference: string }).reference).toMatch(/^[A-Z2-9]{8}$/);
    expect(s.output()).toContain('only its public keys are used');
    // The public role runs no staff job: no audit key, no chain head.
    expect(s.output()).not.toContain('audit chain head');
  }, 60_000);

  it('all: holds the private keys, serves the staff API, and logs the audit chain head at start and at shutdown', async () => {
    const internalPort = await freePort();
    const s = await start({ ROLE: 'all', AUDIT_MAC_KEY: 'a-test-audit-key-that-is-long-enough-1234', INTERNAL_PORT: String(internalPort) });
    const base = `http://127.0.0.1:${s.port}`;
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ status: 'ok' });
    const health = (await (await fetch(`http://127.0.0.1:${internalPort}/api/health`)).json()) as { keys: { privateKeys: boolean } };
    expect(health.keys).toEqual({ privateKeys: true });
    expect(await (await fetch(`${base}/api/staff/me`)).json()).toEqual({ signedIn: false });
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    const heads = s.output().split('\n').filter((line) => line.includes('"audit chain head"'));
    expect(heads.length).toBeGreaterThanOrEqual(2);
    expect(heads.at(-1)).toContain('"auditHead":"empty"');
  }, 60_000);

  it('production requires the public keyring and the challenge key for ROLE=public, and the audit key, the staff secret key and mail elsewhere', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/anchor', RATE_LIMIT_KEY: 'x'.repeat(32), CHALLENGE_KEY: 'c'.repeat(32) };
    expect(() => loadEnv({ ...production, ROLE: 'public' })).toThrow(/INTAKE_PUBLIC_KEYRING: is required/);
    expect(() => loadEnv({ ...production, CHALLENGE_KEY: undefined, ROLE: 'public', INTAKE_PUBLIC_KEYRING: '/k.json' })).toThrow(/CHALLENGE_KEY: is required/);
    // A public host sends no mail and holds no staff key.
    expect(() => loadEnv({ ...production, ROLE: 'public', INTAKE_PUBLIC_KEYRING: '/etc/anchor/public.json' })).not.toThrow();
    const staff = { ...production, ROLE: 'staff', SMTP_URL: 'smtp://mail', STAFF_SECRET_KEY: 's'.repeat(40) };
    expect(() => loadEnv({ ...staff, AUDIT_MAC_KEY: 'k'.repeat(40), SMTP_URL: undefined })).toThrow(/SMTP_URL: is required/);
    expect(() => loadEnv({ ...staff })).toThrow(/AUDIT_MAC_KEY: is required/);
    expect(() => loadEnv({ ...staff, AUDIT_MAC_KEY: 'short' })).toThrow(/AUDIT_MAC_KEY/);
    expect(() => loadEnv({ ...staff, AUDIT_MAC_KEY: 'k'.repeat(40), STAFF_SECRET_KEY: undefined })).toThrow(/STAFF_SECRET_KEY: is required/);
    expect(() => loadEnv({ ...staff, AUDIT_MAC_KEY: 'k'.repeat(40), STAFF_SECRET_KEY: 'short' })).toThrow(/STAFF_SECRET_KEY: must be at least 32/);
    expect(loadEnv({ ...staff, AUDIT_MAC_KEY: 'k'.repeat(40) })).toMatchObject({ RETENTION_SPAM_DAYS: 30, RETENTION_CLOSED_DAYS: 365 });
  });
});
