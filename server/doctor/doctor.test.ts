import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKeyPair, publicKeyringFile, writeDurably } from '../crypto/keys.ts';
import { deployment } from '../../src/shared/deployment.ts';
import { isExampleValue } from '../../src/shared/publishable.ts';
import { doctorProblems, type DoctorProbes } from './doctor.ts';
import { pgDumpMajor, pgDumpMajorFrom, serverMajor } from './pg-versions.ts';
import { openFilesLimit } from '../http/connection-limits.ts';

const dir = mkdtempSync(join(tmpdir(), 'anchor-doctor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const keyringPath = join(dir, 'intake-keyring.json');
const publicPath = join(dir, 'intake-public.json');
const key = generateKeyPair();
writeDurably(keyringPath, { keys: [key] }, 0o600, true);
writeDurably(publicPath, publicKeyringFile({ keys: [key] }), 0o644, true);

/** The shipped deployment facts with every sample value replaced, as a deployer would. */
function replaced(value: unknown): unknown {
  if (typeof value === 'string') {
    if (!isExampleValue(value)) return value;
    if (value.includes('@')) return 'kirjaamo@hel.fi';
    if (value.startsWith('http')) return 'https://www.hel.fi/';
    return 'PL 1, 00099 Helsingin kaupunki';
  }
  if (Array.isArray(value)) return value.map(replaced);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaced(v)]));
  return value;
}
const realDeployment = { ...(replaced(deployment) as typeof deployment), example: false };

const secret = (c: string) => c.repeat(12) + 'x9Q7k2mZ4pL8wR3tN6vB1cF5';
const healthy: DoctorProbes = { pgDumpMajor: async () => 15, serverMajor: async () => 15, openFiles: () => 65_536 };
const staffHost = {
  NODE_ENV: 'production',
  ROLE: 'staff',
  DATABASE_URL: 'postgres://anchor_staff@db.internal/anchor',
  DATA_DIR: join(dir, 'data'),
  PUBLIC_ORIGIN: 'https://ankkuri.hel.fi',
  RATE_LIMIT_KEY: secret('r'),
  SMTP_URL: 'smtp://mail.internal:25',
  INTAKE_KEYRING: keyringPath,
  AUDIT_MAC_KEY: secret('a'),
  STAFF_SECRET_KEY: secret('s'),
  AUDIT_SINK_DIR: join(dir, 'sink'),
};
const publicHost = {
  NODE_ENV: 'production',
  ROLE: 'public',
  DATABASE_URL: 'postgres://anchor_public@db.internal/anchor',
  DATA_DIR: join(dir, 'data'),
  PUBLIC_ORIGIN: 'https://ankkuri.hel.fi',
  RATE_LIMIT_KEY: secret('r'),
  CHALLENGE_KEY: secret('c'),
  INTAKE_PUBLIC_KEYRING: publicPath,
};

describe('npm run doctor', () => {
  it('finds nothing on a full production configuration of split hosts', async () => {
    expect(await doctorProblems({ source: staffHost, deployment: realDeployment, expectSplit: true, probes: healthy })).toEqual([]);
    expect(await doctorProblems({ source: publicHost, deployment: realDeployment, expectSplit: true, probes: healthy })).toEqual([]);
  });

  it('names each problem of the defaults in one run', async () => {
    const problems = await doctorProblems({ source: {}, deployment, expectSplit: true, probes: { ...healthy, openFiles: () => 1_024 } });
    const variables = problems.map((line) => line.slice(0, line.indexOf(':')));
    for (const variable of ['NODE_ENV', 'config/deployment.json', 'DATABASE_URL', 'PUBLIC_ORIGIN', 'RATE_LIMIT_KEY', 'AUDIT_MAC_KEY', 'STAFF_SECRET_KEY', 'CHALLENGE_KEY', 'SMTP_URL', 'AUDIT_SINK_DIR', 'INTAKE_KEYRING', 'ROLE', 'open files']) {
      expect(variables, variable).toContain(variable);
    }
    expect(problems.find((l) => l.startsWith('AUDIT_MAC_KEY'))).toContain('development key');
    expect(problems.find((l) => l.startsWith('config/deployment.json'))).toContain('"example" is true');
  });

  it('names unsafe values: http origin, short secrets, PGlite in production, an old pg_dump, a public host with private keys', async () => {
    const staff = await doctorProblems({
      source: { ...staffHost, PUBLIC_ORIGIN: 'http://ankkuri.hel.fi', AUDIT_MAC_KEY: 'short', STAFF_SECRET_KEY: staffHost.AUDIT_MAC_KEY },
      deployment: realDeployment,
      expectSplit: false,
      probes: { ...healthy, pgDumpMajor: async () => 14, serverMajor: async () => 16 },
    });
    expect(staff).toEqual([
      'AUDIT_MAC_KEY: must be at least 32 characters of random text',
      'PUBLIC_ORIGIN: is http://ankkuri.hel.fi: people must reach the portal over https',
      "pg_dump: version 14 is older than the server's 16: it cannot dump this database (install pg_dump 16 or later)",
    ]);
    const pglite = await doctorProblems({ source: { ...staffHost, DATABASE_URL: undefined }, deployment: realDeployment, expectSplit: false, probes: healthy });
    expect(pglite).toEqual([expect.stringMatching(/^DATABASE_URL: is required when NODE_ENV=production: the embedded database \(PGlite\)/)]);
    const leaky = await doctorProblems({
      source: { ...publicHost, INTAKE_PUBLIC_KEYRING: keyringPath, STAFF_SECRET_KEY: secret('s'), METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' },
      deployment: realDeployment,
      expectSplit: true,
      probes: healthy,
    });
    expect(leaky).toEqual([
      expect.stringMatching(/^INTAKE_PUBLIC_KEYRING: .* holds private keys/),
      expect.stringMatching(/^STAFF_SECRET_KEY: is set on a ROLE=public host/),
      expect.stringMatching(/^METRICS_HOST: is 0\.0\.0\.0/),
    ]);
    // Without --expect-split a combined host is fine, and the public host's extra secret is not named.
    expect(await doctorProblems({ source: { ...staffHost, ROLE: 'all', CHALLENGE_KEY: secret('c') }, deployment: realDeployment, expectSplit: false, probes: healthy })).toEqual([]);
  });

  it('names a development key copied into the environment and a database it cannot reach', async () => {
    const dataDir = join(dir, 'dev-data');
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'audit-mac.key'), `${secret('d')}\n`);
    const problems = await doctorProblems({
      source: { ...staffHost, DATA_DIR: dataDir, AUDIT_MAC_KEY: secret('d') },
      deployment: realDeployment,
      expectSplit: false,
      probes: { ...healthy, serverMajor: async () => Promise.reject(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })) },
    });
    expect(problems).toEqual([expect.stringMatching(/^AUDIT_MAC_KEY: is the development key from /), 'DATABASE_URL: cannot be reached (ECONNREFUSED)']);
  });

  it('asks the real pg_dump and server for their versions', async () => {
    expect(pgDumpMajorFrom('pg_dump (PostgreSQL) 15.8 (Debian 15.8-0+deb12u1)')).toBe(15);
    expect(await pgDumpMajor('/nonexistent/pg_dump')).toBeUndefined();
    const url = process.env.TEST_DATABASE_URL;
    if (!url) return;
    const [dump, server] = [await pgDumpMajor(), await serverMajor(url)];
    expect(server).toBeGreaterThanOrEqual(13);
    expect(dump).toBeGreaterThanOrEqual(server);
    expect(openFilesLimit()).toBeGreaterThan(0);
  });

  it('exits non-zero and lists the problems when run as a command on defaults', async () => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: join(dir, 'cmd-data') };
    const result = await promisify(execFile)(process.execPath, ['scripts/doctor.ts', '--expect-split'], { env }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/problems before production:/);
    expect(result.stdout).toMatch(/- DATABASE_URL: is not set/);
    expect(result.stdout).toMatch(/- ROLE: is all/);
  });
});
