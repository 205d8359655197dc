import { spawn } from 'node:child_process';
import { createSecretKey } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSiteDir } from '../../tests/support/app.ts';
import { createTestDatabase, databaseKinds, testDatabaseUrl, type TestDatabase } from '../../tests/support/databases.ts';
import { spawnServer, trackServers, waitHealthy } from '../../tests/support/process.ts';
import { goodPassword, linkToken } from '../../tests/support/staff-auth.ts';
import { totpCode } from '../../tests/support/totp.ts';
import { openDatabase } from '../db/client.ts';
import { runStaffCli } from './cli.ts';
import { readAuditSinks } from '../audit/sink.ts';
import { accountHash } from './throttle.ts';

const cliAuditKey = 'an-audit-key-of-at-least-32-characters-for-the-cli';

/** Runs the command in this process, capturing its lines. */
async function cli(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runStaffCli(argv, { NODE_ENV: 'test', PUBLIC_ORIGIN: 'https://ankkuri.example', ...env }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Runs `node scripts/staff.ts` as an operator would. */
function cliProcess(env: Record<string, string>, ...argv: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/staff.ts', ...argv], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`npm run staff on ${kind}`, () => {
    let env: Record<string, string>;
    let database: TestDatabase | undefined;
    beforeAll(async () => {
      if (kind === 'postgres') {
        database = await createTestDatabase('postgres', 2);
        env = { DATABASE_URL: database.url!, AUDIT_MAC_KEY: cliAuditKey };
      } else {
        env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'anchor-staff-cli-')), AUDIT_MAC_KEY: cliAuditKey };
      }
    });
    afterAll(() => database?.drop());

    const rows = async (sql: string, params: unknown[] = []) => {
      const handle = database?.handle ?? (await openDatabase({ dataDir: env.DATA_DIR! }));
      try {
        return (await handle.query<Record<string, unknown>>(sql, params)).rows;
      } finally {
        if (!database) await handle.close();
      }
    };

    it('adds a user and prints a one-time enrolment link to the public origin', async () => {
      const res = await cli(env, 'add', '--email', 'First.Admin@Anchor.test', '--role', 'admin');
      expect(res.err).toBe('');
      expect(res.code).toBe(0);
      expect(res.out).toContain('Added first.admin@anchor.test (admin).');
      expect(res.out).toMatch(/^ {2}https:\/\/ankkuri\.example\/staff\/enrol\/#[\w-]{43}$/m);
      expect(await rows('select email, role, team, status from staff_users where email = $1', ['first.admin@anchor.test'])).toEqual([
        { email: 'first.admin@anchor.test', role: 'admin', team: null, status: 'pending' },
      ]);
    });

    it('takes the link\'s origin from the server\'s own settings: PUBLIC_ORIGIN, else PORT', async () => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runStaffCli(['add', '--email', 'port.admin@anchor.test', '--role', 'admin'], { NODE_ENV: 'test', PORT: '4999', ...env }, {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
      });
      expect(code).toBe(0);
      expect(out.join('\n')).toMatch(/^ {2}http:\/\/localhost:4999\/staff\/enrol\/#[\w-]{43}$/m);
      expect(err.join('\n')).toContain('from PORT');
    });

    it('requires --team for role team, refuses it for other roles, and refuses an email in use', async () => {
      const missing = await cli(env, 'add', '--email', 'team@anchor.test', '--role', 'team');
      expect(missing.code).toBe(64);
      expect(missing.err).toContain('--team is required for role team');
      const extra = await cli(env, 'add', '--email', 'intake@anchor.test', '--role', 'intake', '--team', 'police');
      expect(extra.code).toBe(64);
      expect(extra.err).toContain('--team is only for role team');
      const badRole = await cli(env, 'add', '--email', 'x@anchor.test', '--role', 'boss');
      expect(badRole.code).toBe(64);
      expect(badRole.err).toContain('--role');
      expect(await rows("select 1 from staff_users where email in ('team@anchor.test', 'intake@anchor.test', 'x@anchor.test')")).toEqual([]);

      expect((await cli(env, 'add', '--email', 'team@anchor.test', '--role', 'team', '--team', 'police')).code).toBe(0);
      const again = await cli(env, 'add', '--email', 'TEAM@anchor.test', '--role', 'intake');
      expect(again.code).toBe(1);
      expect(again.err).toContain('already has an account');
    });

    it('lists, resets and deactivates by email', async () => {
      await cli(env, 'add', '--email', 'ops@anchor.test', '--role', 'intake');
      const list = await cli(env, 'list');
      expect(list.code).toBe(0);
      expect(list.out).toMatch(/^ops@anchor\.test\tintake\t-\tpending\t/m);
      const reset = await cli(env, 'reset', '--email', 'ops@anchor.test');
      expect(reset.code).toBe(0);
      expect(reset.out).toMatch(/#[\w-]{43}$/m);
      expect((await cli(env, 'deactivate', '--email', 'ops@anchor.test')).code).toBe(0);
      expect(await rows("select status from staff_users where email = 'ops@anchor.test'")).toEqual([{ status: 'deactivated' }]);
      const refused = await cli(env, 'reset', '--email', 'ops@anchor.test');
      expect(refused.code).toBe(1);
      expect((await cli(env, 'reset', '--email', 'nobody@anchor.test')).code).toBe(1);
    });

    it('puts each change into the audit trail as the command did it, and unlocks only with the server RATE_LIMIT_KEY', async () => {
      const sinkDir = mkdtempSync(join(tmpdir(), 'anchor-staff-cli-sink-'));
      const withSink = { ...env, AUDIT_SINK_DIR: sinkDir, RATE_LIMIT_KEY: 'a-rate-limit-key-of-32-characters-at-least' };
      await cli(withSink, 'add', '--email', 'chained@anchor.test', '--role', 'intake');
      const added = await rows("select id from staff_users where email = 'chained@anchor.test'");
      const id = added[0]!.id as string;
      const key = createSecretKey(Buffer.from(withSink.RATE_LIMIT_KEY));
      const handle = database?.handle ?? (await openDatabase({ dataDir: env.DATA_DIR! }));
      await handle.query(`insert into login_attempts (at, account_hash, client_hash, success) values (now(), $1, 'c1', false), (now(), $1, 'c2', false)`, [
        accountHash('chained@anchor.test', key),
      ]);
      if (!database) await handle.close();
      expect((await cli(env, 'unlock', '--email', 'chained@anchor.test')).code).toBe(78);
      const unlocked = await cli(withSink, 'unlock', '--email', 'chained@anchor.test');
      expect(unlocked.out).toContain('2 failed sign-in(s) forgotten');
      await cli(withSink, 'reset', '--email', 'chained@anchor.test');
      await cli(withSink, 'deactivate', '--email', 'chained@anchor.test');
      const entries = await rows("select seq::int as seq, action, actor_id, detail from audit_log where detail->>'userId' = $1 order by seq", [id]);
      expect(entries.map((e) => [e.action, e.actor_id, e.detail])).toEqual([
        ['user-add', null, { userId: id, role: 'intake', team: null, via: 'cli' }],
        ['user-unlock', null, { userId: id, cleared: 2, via: 'cli' }],
        ['user-reset', null, { userId: id, via: 'cli' }],
        ['user-deactivate', null, { userId: id, via: 'cli' }],
      ]);
      const sink = await readAuditSinks([sinkDir]);
      expect(entries.every((e) => sink.entries.has(e.seq as number))).toBe(true);
    });

    it('explains its usage on a wrong command', async () => {
      const res = await cli(env, 'promote', '--email', 'a@anchor.test');
      expect(res.code).toBe(64);
      expect(res.err).toContain('Usage: npm run staff');
    });
  });
}

describe('npm run staff beside the server (embedded database)', () => {
  const track = trackServers();

  it('adds the first admin, who enrols and signs in on the server; while the server holds the data folder the command is refused', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'anchor-staff-lock-'));
    const common = { DATA_DIR: dataDir, PUBLIC_ORIGIN: 'http://portal.test' };
    const added = await cliProcess(common, 'add', '--email', 'boss@anchor.test', '--role', 'admin');
    expect(added.code, added.output).toBe(0);
    const token = linkToken(/(http:\/\/portal\.test\/staff\/enrol\/#[\w-]+)/.exec(added.output)![1]!);

    const server = await spawnServer({ ...common, SITE_DIR: fixtureSiteDir() });
    track(server);
    await waitHealthy(server.port);
    const post = (path: string, body: unknown) =>
      fetch(`http://127.0.0.1:${server.port}/api/staff${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'http://portal.test' },
        body: JSON.stringify(body),
      });
    const start = await post('/auth/enrol/start', { token, password: goodPassword });
    expect(start.status).toBe(200);
    const { totpSecret } = (await start.json()) as { totpSecret: string };
    expect((await post('/auth/enrol/finish', { token, code: totpCode(totpSecret, new Date()) })).status).toBe(200);
    // The next time step's code: the enrolment code is spent (one step ahead is within the accepted drift).
    const signIn = await post('/auth/sign-in', { email: 'boss@anchor.test', password: goodPassword, code: totpCode(totpSecret, new Date(Date.now() + 30_000)) });
    expect(signIn.status).toBe(200);
    expect(await signIn.json()).toMatchObject({ email: 'boss@anchor.test', role: 'admin' });

    const refused = await cliProcess(common, 'add', '--email', 'second@anchor.test', '--role', 'intake');
    expect(refused.code).toBe(75);
    expect(refused.output).toContain('staff: cannot open the database.');
    expect(refused.output).toContain('is in use by the portal server');
    expect(server.child.exitCode).toBeNull();
  }, 60_000);
});
