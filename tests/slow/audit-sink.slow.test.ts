/**
 * Two staff server processes on one PostgreSQL database, each with its own
 * AUDIT_SINK_DIR, appending at the same time: their sink files merge into
 * the one chain the database holds, and once the chain's tail is cut,
 * `npm run audit:verify -- --sink A B` names every entry cut.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditSinks } from '../../server/audit/sink.ts';
import { fixtureSiteDir } from '../support/app.ts';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../support/databases.ts';
import { spawnServer, waitHealthy, type ServerProcess } from '../support/process.ts';
import { signedInStaff } from '../support/staff.ts';

const auditKey = 'an-audit-key-of-at-least-32-characters-for-the-sink';

describe.skipIf(!testDatabaseUrl)('the audit sink across two staff processes (PostgreSQL)', () => {
  let database: TestDatabase;
  const servers: ServerProcess[] = [];
  const sinks = [mkdtempSync(join(tmpdir(), 'anchor-sink-a-')), mkdtempSync(join(tmpdir(), 'anchor-sink-b-'))];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    for (const sink of sinks) {
      const server = await spawnServer({
        ROLE: 'staff',
        DATABASE_URL: database.url!,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'anchor-sink-data-')),
        SITE_DIR: fixtureSiteDir(),
        AUDIT_MAC_KEY: auditKey,
        AUDIT_SINK_DIR: sink,
        PUBLIC_ORIGIN: 'http://portal.test',
        LISTEN_SOCKETS: '1',
      });
      servers.push(server);
      await waitHealthy(server.port, 60_000, server.child);
    }
  }, 120_000);

  afterAll(async () => {
    for (const s of servers) {
      if (s.child.exitCode === null) {
        s.child.kill('SIGTERM');
        await s.exited;
      }
    }
    await database?.drop();
  });

  const verify = (...args: string[]) =>
    spawnSync(process.execPath, ['scripts/audit-verify.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATABASE_URL: database.url!, AUDIT_MAC_KEY: auditKey },
      encoding: 'utf8',
    });

  it('leaves files that merge into one chain, and names the cut tail', async () => {
    const db = database.handle.db;
    const admin = await signedInStaff(db, 'admin');
    const targets = await Promise.all(Array.from({ length: 4 }, () => signedInStaff(db, 'intake')));
    // 2 processes × 64 admin actions, 8 at a time on each: every one an audit entry (user-unlock).
    const unlock = (server: ServerProcess, i: number) =>
      fetch(`http://127.0.0.1:${server.port}/api/staff/users/${targets[i % targets.length]!.userId}/unlock`, {
        method: 'POST',
        headers: { Cookie: admin.cookie, 'Sec-Fetch-Site': 'same-origin' },
      }).then((r) => r.status);
    const statuses: number[] = [];
    for (let round = 0; round < 8; round++) {
      statuses.push(...(await Promise.all(servers.flatMap((server) => Array.from({ length: 8 }, (_, i) => unlock(server, round * 8 + i))))));
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    const entries = statuses.length;

    const merged = await readAuditSinks(sinks);
    expect(merged.files).toHaveLength(2);
    expect(merged.conflicts).toEqual([]);
    // Each process wrote its own entries; together they are every seq of the chain, once.
    expect([...merged.entries.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: entries }, (_, i) => i + 1));
    const perFile = merged.files.map((f) => [...merged.entries.values()].filter((e) => e.file === f).length);
    expect(perFile.every((n) => n > 0)).toBe(true);
    const whole = verify('--sink', ...sinks);
    expect(whole.status, whole.stdout + whole.stderr).toBe(0);
    expect(whole.stdout).toContain(`audit trail verified: ${entries} entries`);

    // The last three entries are cut, well inside any head interval: the chain alone cannot tell.
    await database.handle.query('delete from audit_log where seq > $1', [entries - 3]);
    expect(verify().status).toBe(0);
    const cut = verify('--sink', ...sinks);
    expect(cut.status).toBe(1);
    for (const seq of [entries - 2, entries - 1, entries]) expect(cut.stdout).toMatch(new RegExp(`MISSING seq ${seq}: `));
  }, 120_000);
});
