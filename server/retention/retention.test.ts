import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client.ts';
import { caseEvents, caseNotes } from '../db/schema/casework.ts';
import { challengeUses, idempotencyKeys, outbox, rateCounters, rateEvents } from '../db/schema/cases.ts';
import { loginAttempts } from '../db/schema/staff.ts';
import { verifyAuditChain } from '../audit/verify.ts';
import { statisticsReport } from '../stats/report.ts';
import { insertCases } from '../../tests/support/casework.ts';
import { createTestDatabase, databaseKinds, testDatabaseUrl, type TestDatabase } from '../../tests/support/databases.ts';
import { runRetention, type RetentionPolicy } from './retention.ts';

const DAY = 86_400_000;
const policy: RetentionPolicy = { spamDays: 30, closedDays: 365, rateWindowMs: 600_000 };

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`retention on ${kind}`, () => {
    let database: TestDatabase;
    let db: Db;
    const auditKey = randomBytes(32);
    beforeAll(async () => {
      database = await createTestDatabase(kind);
      db = database.handle.db;
    });
    afterAll(() => database.drop());

    const ids = async () => new Set((await database.handle.query<{ id: string }>('select id from cases')).rows.map((r) => r.id));

    it('removes exactly what has expired and nothing else, as the clock moves on', async () => {
      // The clock: the job runs at t0, then again two days later.
      const t0 = new Date('2026-03-16T10:00:00Z');
      const ago = (days: number, from = t0) => new Date(from.getTime() - days * DAY);
      const created = ago(500);
      const closed = (closedDaysAgo: number, outcome = 'resolved') => ({
        status: 'closed',
        outcome,
        createdAt: created,
        dueAt: ago(490),
        closedAt: ago(closedDaysAgo),
        firstContactAt: ago(495),
        firstContactDays: 3,
      });
      const [spamOld, spamYoung, closedOld, closedYoung, openAncient, closedAsSpam, closedOldLinked] = await insertCases(db, [
        { status: 'spam', createdAt: ago(31) },
        { status: 'spam', createdAt: ago(29) },
        closed(366),
        closed(364),
        { status: 'in_contact', createdAt: ago(2000), queue: 'youth-work' },
        closed(400, 'spam'),
        closed(365.5),
      ]);
      // Enough closed cases in one month that the statistics show numbers rather than "<5".
      const closedMore = await insertCases(db, Array.from({ length: 5 }, () => closed(366)));
      // closedYoung links to closedOld: the link goes when closedOld does.
      await database.handle.query('update cases set linked_case_id = $1 where id = $2', [closedOld, closedYoung]);
      for (const caseId of [closedOld!, closedYoung!]) {
        await db.insert(caseEvents).values({ caseId, at: ago(400), type: 'status', detail: { to: 'closed' } });
        await db.insert(caseNotes).values({
          id: crypto.randomUUID(),
          caseId,
          createdAt: ago(400),
          sealedKeyId: 'k',
          sealedEphemeralKey: Buffer.alloc(32),
          sealedNonce: Buffer.alloc(12),
          sealedCiphertext: Buffer.alloc(16),
        });
        await db.insert(outbox).values({ caseId, kind: 'new-case-mail', sentAt: ago(499) });
      }
      await db.insert(idempotencyKeys).values([
        { keyHash: 'expired', reference: 'AAAAAAAA', bodyHash: 'b', createdAt: ago(2), expiresAt: ago(1) },
        { keyHash: 'live', reference: 'BBBBBBBB', bodyHash: 'b', createdAt: ago(0.5), expiresAt: new Date(t0.getTime() + DAY / 2) },
      ]);
      await db.insert(rateEvents).values([
        // Stored by the minute: the minute 10 minutes back is the oldest the window still counts.
        { clientHash: 'old', wideHash: 'w', at: new Date(t0.getTime() - 660_000) },
        { clientHash: 'recent', wideHash: 'w', at: new Date(t0.getTime() - 600_000) },
      ]);
      await db.insert(rateCounters).values([
        { scope: 'spam', window: new Date('2026-03-16T08:00:00Z'), shard: 0, count: 3 },
        { scope: 'case', window: new Date('2026-03-16T10:00:00Z'), shard: 0, count: 1 },
      ]);
      await db.insert(challengeUses).values([
        { id: 'expired', expiresAt: new Date(t0.getTime() - 1) },
        { id: 'live', expiresAt: new Date(t0.getTime() + 60_000) },
      ]);
      await db.insert(loginAttempts).values([
        { at: new Date(t0.getTime() - DAY - 1000), accountHash: 'old', clientHash: 'c', success: false },
        { at: new Date(t0.getTime() - DAY + 1000), accountHash: 'recent', clientHash: 'c', success: true },
      ]);
      const statsBefore = await statisticsReport(db, '2024-01', '2026-03');
      expect(statsBefore.rows.find((r) => r.month === 'all' && r.dimension === 'total')).toMatchObject({
        cases: 8,
        closed: 8,
        closedInsideDue: 0,
        shareClosedInsideDue: 0,
        firstContacts: 8,
        medianWorkingDaysToFirstContact: 3,
      });

      const first = await runRetention(db, auditKey, policy, t0);
      expect(first).toEqual({ spam: 1, closed: 8, idempotencyKeys: 1, rateEvents: 1, rateCounters: 1, challengeUses: 1, loginAttempts: 1 });
      expect(await ids()).toEqual(new Set([spamYoung, closedYoung, openAncient]));
      const left = async (table: string) => (await database.handle.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
      // The deleted case's events, notes and outbox row went with it; the kept one's stayed.
      for (const table of ['case_events', 'case_notes', 'outbox']) expect(await left(table)).toBe(1);
      expect((await database.handle.query('select key_hash from idempotency_keys')).rows).toEqual([{ key_hash: 'live' }]);
      expect((await database.handle.query('select client_hash from rate_events')).rows).toEqual([{ client_hash: 'recent' }]);
      expect(await left('rate_counters')).toBe(1);
      expect((await database.handle.query('select account_hash from login_attempts')).rows).toEqual([{ account_hash: 'recent' }]);
      expect((await database.handle.query('select linked_case_id from cases where id = $1', [closedYoung])).rows).toEqual([{ linked_case_id: null }]);

      // The deletions are in the audit trail, by the system, and the chain holds.
      const deletions = await database.handle.query<{ case_id: string; actor_id: string | null; detail: { status: string } }>(
        `select case_id, actor_id, detail from audit_log where action = 'delete' order by seq`,
      );
      expect(new Set(deletions.rows.map((r) => r.case_id))).toEqual(new Set([spamOld, closedOld, closedAsSpam, closedOldLinked, ...closedMore]));
      expect(deletions.rows.every((r) => r.actor_id === null)).toBe(true);
      expect((await verifyAuditChain(db, auditKey)).ok).toBe(true);

      // The statistics did not change: the deleted closed cases were counted in before they went.
      expect(await statisticsReport(db, '2024-01', '2026-03')).toEqual(statsBefore);

      // A second run at the same moment finds nothing; two days later the next ones are due.
      expect(await runRetention(db, auditKey, policy, t0)).toEqual({ spam: 0, closed: 0, idempotencyKeys: 0, rateEvents: 0, rateCounters: 0, challengeUses: 0, loginAttempts: 0 });
      const later = new Date(t0.getTime() + 2 * DAY);
      const second = await runRetention(db, auditKey, policy, later);
      expect(second).toMatchObject({ spam: 1, closed: 1, loginAttempts: 1 });
      expect(await ids()).toEqual(new Set([openAncient]));
      expect(await statisticsReport(db, '2024-01', '2026-03')).toEqual(statsBefore);
    });
  });
}
