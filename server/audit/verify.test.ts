import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle, type Db } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { createTestDatabase, databaseKinds, testDatabaseUrl, type TestDatabase } from '../../tests/support/databases.ts';
import { appendAudit } from './append.ts';
import { parseHead, verifyAuditChain } from './verify.ts';

const key = randomBytes(32);

/** Appends `n` entries, as case work would, each in its own transaction. */
async function appendEntries(db: Db, n: number, auditKey = key): Promise<void> {
  for (let i = 0; i < n; i++) {
    await db.transaction((tx) =>
      appendAudit(tx, auditKey, { actorId: randomUUID(), action: i % 2 ? 'view' : 'note', caseId: randomUUID(), caseReference: 'ABCDEFGH', purpose: i % 2 ? 'triage' : null, detail: { i } }, new Date(Date.UTC(2026, 0, 1, 9, i))),
    );
  }
}

/** Makes room at `seq` by renumbering the entries from there one up, as an inserter must. */
async function insertForged(handle: DatabaseHandle, seq: number): Promise<void> {
  await handle.query('update audit_log set seq = -seq - 1 where seq >= $1', [seq]);
  await handle.query('update audit_log set seq = -seq where seq < 0');
  await handle.query(
    `insert into audit_log (seq, at, actor_id, action, case_id, purpose, detail, mac) values ($1, now(), $2, 'view', $3, 'triage', '{}', $4)`,
    [seq, randomUUID(), randomUUID(), randomBytes(32).toString('hex')],
  );
}

const kinds = (problems: { kind: string; seq: number }[]) => problems.map((p) => [p.kind, p.seq]);

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`audit chain on ${kind}`, () => {
    let database: TestDatabase;
    let handle: DatabaseHandle;
    beforeAll(async () => {
      database = await createTestDatabase(kind);
      handle = database.handle;
    });
    afterAll(() => database.drop());
    beforeEach(async () => {
      await handle.query('delete from audit_log');
    });

    it('verifies an untouched chain and reports its head', async () => {
      await appendEntries(handle.db, 12);
      const report = await verifyAuditChain(handle.db, key);
      expect(report).toMatchObject({ ok: true, checked: 12, problems: [] });
      expect(report.last?.seq).toBe(12);
      expect((await verifyAuditChain(handle.db, key, report.last!)).ok).toBe(true);
      // Another key is no key.
      expect((await verifyAuditChain(handle.db, randomBytes(32))).ok).toBe(false);
    });

    it('names an altered entry', async () => {
      await appendEntries(handle.db, 10);
      await handle.query(`update audit_log set purpose = 'client-request' where seq = 4`);
      const report = await verifyAuditChain(handle.db, key);
      expect(kinds(report.problems)).toEqual([['altered', 4]]);
    });

    it('names a removed entry', async () => {
      await appendEntries(handle.db, 10);
      await handle.query('delete from audit_log where seq = 6');
      expect(kinds((await verifyAuditChain(handle.db, key)).problems)).toEqual([['removed', 6]]);
    });

    it('names an inserted entry', async () => {
      await appendEntries(handle.db, 10);
      await insertForged(handle, 8);
      expect(kinds((await verifyAuditChain(handle.db, key)).problems)).toEqual([['inserted', 8]]);
    });

    it('names each of an alteration, an insertion and a removal in one chain', async () => {
      await appendEntries(handle.db, 20);
      await handle.query(`update audit_log set detail = '{"i": 99}' where seq = 3`);
      await handle.query('delete from audit_log where seq in (9, 10)');
      await insertForged(handle, 15);
      expect(kinds((await verifyAuditChain(handle.db, key)).problems)).toEqual([
        ['altered', 3],
        ['removed', 9],
        ['inserted', 15],
      ]);
    });

    it('notices a removed tail only against the logged head, and a rewritten head', async () => {
      await appendEntries(handle.db, 10);
      const head = (await verifyAuditChain(handle.db, key)).last!;
      await handle.query('delete from audit_log where seq > 7');
      // Without the head a cut tail looks like a shorter chain...
      expect((await verifyAuditChain(handle.db, key)).ok).toBe(true);
      // ...with it, the removal is named.
      const report = await verifyAuditChain(handle.db, key, head);
      expect(kinds(report.problems)).toEqual([['removed', 8]]);
      expect(report.problems[0]!.message).toContain('seq 10');
      expect(kinds((await verifyAuditChain(handle.db, key, { seq: 5, mac: 'f'.repeat(64) })).problems)).toEqual([['head-mismatch', 5]]);
    });

    it('calls a forged last entry what it is: it does not verify', async () => {
      await appendEntries(handle.db, 5);
      await handle.query(`insert into audit_log (seq, at, action, detail, mac) values (6, now(), 'view', '{}', $1)`, [randomBytes(32).toString('hex')]);
      expect(kinds((await verifyAuditChain(handle.db, key)).problems)).toEqual([['altered', 6]]);
    });

    it.skipIf(kind !== 'postgres')('never forks under concurrent appends (advisory lock)', async () => {
      await Promise.all(Array.from({ length: 30 }, () => appendEntries(handle.db, 1)));
      const report = await verifyAuditChain(handle.db, key);
      expect(report).toMatchObject({ ok: true, checked: 30 });
    });
  });
}

describe('npm run audit:verify', () => {
  it('exits 0 for a whole trail, and 1 naming the entry once it is altered, with the head too', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'anchor-audit-'));
    const auditKey = 'an-audit-key-of-at-least-32-characters-for-the-test';
    const handle = await openDatabase({ dataDir });
    await migrateDatabase(handle);
    await appendEntries(handle.db, 6, Buffer.from(auditKey));
    await handle.close();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['scripts/audit-verify.ts', ...args], {
        env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATA_DIR: dataDir, AUDIT_MAC_KEY: auditKey },
        encoding: 'utf8',
      });
    const whole = run();
    expect(whole.status, whole.stderr).toBe(0);
    const head = /head (\d+:[0-9a-f]{64})/.exec(whole.stdout)![1]!;
    expect(parseHead(head)?.seq).toBe(6);

    const tampered = await openDatabase({ dataDir });
    await tampered.query(`update audit_log set action = 'print' where seq = 2`);
    await tampered.query('delete from audit_log where seq = 6');
    await tampered.close();
    const result = run('--head', head);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/ALTERED seq 2/);
    expect(result.stdout).toMatch(/REMOVED seq 6/);
    expect(run('--head', 'nonsense').status).toBe(2);
  }, 60_000);
});
