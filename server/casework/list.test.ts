import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffIdentity } from '../staff/sessions.ts';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { insertCases, staffCall, type CaseSeed } from '../../tests/support/casework.ts';
import { createTestDatabase, databaseKinds, testDatabaseUrl, type TestDatabase } from '../../tests/support/databases.ts';
import { signedInStaff } from '../../tests/support/staff.ts';
import { listCasesQuery, type ListFilters } from './list.ts';
import { listQuery } from './requests.ts';

type Row = { id: string; priority: number; dueAt: string; status: string; queue: string | null; proposedQueue: string };

const base = Date.UTC(2026, 2, 2, 8);
const queues = ['youth-work', 'social-work', 'police'];

/** 90 cases with many ties in priority and due date, so that the id decides the order often. */
function seeds(): CaseSeed[] {
  return Array.from({ length: 90 }, (_, i) => ({
    priority: 1 + (i % 3),
    dueAt: new Date(base + (i % 4) * 3_600_000),
    status: ['new', 'triage', 'assigned', 'closed', 'spam'][i % 5],
    proposedQueue: queues[i % 3],
    queue: i % 2 ? queues[(i + 1) % 3] : null,
  }));
}

const order = (a: Row, b: Row) => a.priority - b.priority || a.dueAt.localeCompare(b.dueAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`queue list on ${kind}`, () => {
    let t: TestApp;
    let intake: { cookie: string };
    let youth: { cookie: string };
    let all: Row[];
    beforeAll(async () => {
      t = await createTestApp(kind, {}, { now: () => new Date(base + 2 * 3_600_000 - 1) });
      intake = await signedInStaff(t.database.handle.db, 'intake');
      youth = await signedInStaff(t.database.handle.db, 'team', 'youth-work');
      await insertCases(t.database.handle.db, seeds());
      const { rows } = await t.database.handle.query<{ id: string; priority: number; due_at: Date; status: string; queue: string | null; proposed_queue: string }>(
        'select id, priority, due_at, status, queue, proposed_queue from cases',
      );
      all = rows.map((r) => ({ id: r.id, priority: r.priority, dueAt: new Date(r.due_at).toISOString(), status: r.status, queue: r.queue, proposedQueue: r.proposed_queue }));
    });
    afterAll(() => t.close());

    /** Every page of a list, following the cursors. */
    async function pages(cookie: string, query: string, limit: number): Promise<{ ids: string[]; pageCount: number }> {
      const ids: string[] = [];
      let cursor: string | null = null;
      let pageCount = 0;
      do {
        const after: string = cursor ? `&after=${encodeURIComponent(cursor)}` : '';
        const res = await staffCall(t, cookie, 'GET', `/cases?limit=${limit}${query}${after}`);
        expect(res.status).toBe(200);
        const rows = res.json.rows as Row[];
        expect(rows.length).toBeLessThanOrEqual(limit);
        ids.push(...rows.map((r) => r.id));
        cursor = res.json.nextCursor as string | null;
        pageCount++;
      } while (cursor);
      return { ids, pageCount };
    }

    it('returns every open case exactly once, in priority, due date and id order, page by page', async () => {
      const expected = all.filter((r) => !['closed', 'spam'].includes(r.status)).sort(order).map((r) => r.id);
      const { ids, pageCount } = await pages(intake.cookie, '', 7);
      expect(ids).toEqual(expected);
      expect(new Set(ids).size).toBe(ids.length);
      expect(pageCount).toBe(Math.ceil(expected.length / 7));
    });

    it('keeps to the queue filter, the team view and the other filters across pages', async () => {
      const effective = (r: Row) => r.queue ?? r.proposedQueue;
      const open = (r: Row) => !['closed', 'spam'].includes(r.status);
      expect((await pages(intake.cookie, '&queue=police', 4)).ids).toEqual(all.filter((r) => open(r) && effective(r) === 'police').sort(order).map((r) => r.id));
      // A youth worker sees only cases confirmed to youth work, never a mere proposal.
      expect((await pages(youth.cookie, '', 3)).ids).toEqual(all.filter((r) => open(r) && r.queue === 'youth-work').sort(order).map((r) => r.id));
      expect((await pages(intake.cookie, '&status=closed', 5)).ids).toEqual(all.filter((r) => r.status === 'closed').sort(order).map((r) => r.id));
      expect((await pages(intake.cookie, '&status=all', 11)).ids).toEqual(all.filter((r) => r.status !== 'spam').sort(order).map((r) => r.id));
      expect((await pages(intake.cookie, '&priority=2', 6)).ids).toEqual(all.filter((r) => open(r) && r.priority === 2).sort(order).map((r) => r.id));
      // The clock stands just before the third due hour: the first two hours are overdue.
      const overdue = await pages(intake.cookie, '&overdue=1', 50);
      expect(overdue.ids).toEqual(all.filter((r) => open(r) && Date.parse(r.dueAt) < base + 2 * 3_600_000 - 1).sort(order).map((r) => r.id));
      const res = await staffCall(t, intake.cookie, 'GET', '/cases?limit=200');
      for (const row of res.json.rows as (Row & { overdue: boolean })[]) expect(row.overdue).toBe(Date.parse(row.dueAt) < base + 2 * 3_600_000 - 1);
    });

    it('neither repeats nor skips a row when a case arrives between two pages', async () => {
      const first = await staffCall(t, intake.cookie, 'GET', '/cases?limit=10');
      const seen = (first.json.rows as Row[]).map((r) => r.id);
      // A new urgent case sorts before the cursor: it shows on a fresh first page, not in the middle of this walk.
      const [urgent] = await insertCases(t.database.handle.db, [{ priority: 1, dueAt: new Date(base - 3_600_000) }]);
      let cursor = first.json.nextCursor as string | null;
      while (cursor) {
        const res = await staffCall(t, intake.cookie, 'GET', `/cases?limit=10&after=${encodeURIComponent(cursor)}`);
        seen.push(...(res.json.rows as Row[]).map((r) => r.id));
        cursor = res.json.nextCursor as string | null;
      }
      expect(seen).toEqual(all.filter((r) => !['closed', 'spam'].includes(r.status)).sort(order).map((r) => r.id));
      expect(seen).not.toContain(urgent);
      await t.database.handle.query('delete from cases where id = $1', [urgent]);
    });
  });
}

describe.skipIf(!testDatabaseUrl)('queue list plans on PostgreSQL with 30,000 cases', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    await database.handle.query(`
      insert into cases (reference, kind, locale, status, writer, categories, urgency, proposed_queue, queue, priority, due_at,
                         assignee_id, sealed_key_id, sealed_ephemeral_key, sealed_nonce, sealed_ciphertext, created_at)
      select 'R' || lpad(i::text, 7, '0'), 'contact', 'fi',
             (array['new','triage','assigned','in_contact','referred','closed','closed','closed','closed','spam'])[1 + i % 10],
             'parent', array['other'], 'normal',
             (array['youth-work','social-work','police','psychiatric-nurse','domestic-violence'])[1 + i % 5],
             case when i % 4 = 0 then null else (array['youth-work','social-work','police','psychiatric-nurse','domestic-violence'])[1 + (i / 7) % 5] end,
             1 + i % 3, timestamptz '2026-01-01' + (i % 5000) * interval '1 hour',
             case when i % 11 = 0 then '00000000-0000-4000-8000-000000000011'::uuid end,
             'k', '\\x00', '\\x00', '\\x00', timestamptz '2025-06-01' + i * interval '5 minutes'
      from generate_series(1, 30000) i`);
    await database.handle.query('analyze cases');
  }, 120_000);
  afterAll(() => database.drop());

  const intake: StaffIdentity = { userId: '00000000-0000-4000-8000-000000000011', email: 'i@x', role: 'intake', team: null, idleExpiresAt: new Date() };
  const team: StaffIdentity = { ...intake, role: 'team', team: 'police' };

  async function plan(staff: StaffIdentity, query: Record<string, string>): Promise<string> {
    const filters: ListFilters = listQuery.parse(query);
    const built = listCasesQuery(database.handle.db, staff, filters, new Date('2026-02-01T00:00:00Z'))!.toSQL();
    const { rows } = await database.handle.query<{ 'QUERY PLAN': string }>(`explain ${built.sql}`, built.params);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }

  const cursor = Buffer.from(JSON.stringify([1, '2026-01-20T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'])).toString('base64url');

  it.each([
    ['intake, first page', intake, {}, 'cases_open_order'],
    ['intake, a later page', intake, { after: cursor }, 'cases_open_order'],
    ['intake, one queue', intake, { queue: 'police', after: cursor }, 'cases_open_queue_order'],
    ['team', team, { after: cursor }, 'cases_open_queue_order'],
    ['mine', intake, { mine: '1' }, 'cases_open_assignee_order'],
    ['one status', intake, { status: 'new', after: cursor }, 'cases_queue_order'],
    ['closed ones too', intake, { status: 'all' }, 'cases_listed_order'],
  ] as const)('%s walks an index in order, without sorting', async (_name, staff, query, index) => {
    const text = await plan(staff, query);
    expect(text).toContain(`Index Scan using ${index}`);
    expect(text).not.toMatch(/\bSort\b/);
  });
});
