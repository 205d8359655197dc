import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histogramMedian, monthsBetween, type StatsReport, type StatsRow } from '../stats/report.ts';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { insertCases, staffCall, type CaseSeed } from '../../tests/support/casework.ts';
import { databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';
import { signedInStaff } from '../../tests/support/staff.ts';

describe('statistics helpers', () => {
  it('takes the median of a histogram, exactly, and none under five', () => {
    expect(histogramMedian(new Map([[2, 4]]))).toBeNull();
    expect(histogramMedian(new Map([[1, 2], [3, 2], [9, 1]]))).toBe(3);
    expect(histogramMedian(new Map([[1, 3], [4, 3]]))).toBe(2.5);
  });

  it('lists the months of a range across a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

/**
 * The sums a report shows, written out here on their own: the months of a
 * line add up to its whole-period line, and queue, form, language, writer and
 * age band (one value per case) add up to the total. In none may a hidden count ("<5" or
 * not shown) be the only hidden one, or subtraction would give it away.
 */
function expectNothingDerivable(report: StatsReport): void {
  const months = [...new Set(report.rows.map((r) => r.month))];
  const at = (month: string, dimension: string, value: string) => report.rows.find((r) => r.month === month && r.dimension === dimension && r.value === value)!;
  const sums: StatsRow[][] = [];
  for (const line of report.rows.filter((r) => r.month === 'all')) sums.push(months.map((m) => at(m, line.dimension, line.value)));
  for (const month of months) {
    for (const dimension of ['queue', 'kind', 'language', 'writer', 'age']) {
      sums.push([...report.rows.filter((r) => r.month === month && r.dimension === dimension), at(month, 'total', 'all')]);
    }
  }
  for (const measure of ['cases', 'closed', 'closedInsideDue', 'firstContacts'] as const) {
    for (const sum of sums) {
      const hidden = sum.filter((r) => r[measure] === '<5' || r[measure] === null);
      expect(hidden.length, `${measure}: ${sum.map((r) => `${r.month}/${r.dimension}/${r.value}=${r[measure]}`).join(' ')}`).not.toBe(1);
    }
  }
}

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`statistics API on ${kind}`, () => {
    let t: TestApp;
    let admin: { cookie: string };
    beforeAll(async () => {
      t = await createTestApp(kind, {}, { now: () => new Date('2026-03-20T12:00:00Z') });
      admin = await signedInStaff(t.database.handle.db, 'admin');
      // January 2026 (Helsinki time): 7 youth-work cases, 2 police, 1 spam that must not count.
      const jan = new Date('2026-01-10T10:00:00Z');
      const due = new Date('2026-01-20T14:00:00Z');
      const youth = (i: number): CaseSeed => ({
        queue: 'youth-work',
        proposedQueue: 'youth-work',
        locale: i < 6 ? 'fi' : 'sv',
        categories: i < 3 ? ['crime', 'substances'] : ['other'],
        createdAt: jan,
        dueAt: due,
        firstContactAt: new Date('2026-01-12T10:00:00Z'),
        firstContactDays: i < 4 ? 1 : 3,
        ...(i < 6 ? { status: 'closed', outcome: 'resolved', closedAt: i < 5 ? new Date('2026-01-15T10:00:00Z') : new Date('2026-02-01T10:00:00Z') } : {}),
      });
      await insertCases(t.database.handle.db, [
        ...Array.from({ length: 7 }, (_, i) => youth(i)),
        { proposedQueue: 'police', kind: 'concern', createdAt: jan, categories: ['recruitment'] },
        { proposedQueue: 'police', kind: 'concern', createdAt: jan, categories: ['recruitment'] },
        { status: 'spam', proposedQueue: 'police', createdAt: jan },
        // 22:30 UTC on 31 January is 00:30 on 1 February in Helsinki: a February case.
        { proposedQueue: 'social-work', createdAt: new Date('2026-01-31T22:30:00Z') },
      ]);
    });
    afterAll(() => t.close());

    const row = (report: StatsReport, month: string, dimension: string, value: string): StatsRow =>
      report.rows.find((r) => r.month === month && r.dimension === dimension && r.value === value)!;

    it('counts a month per queue, kind, category and language; small groups show as "<5", and what they could be worked out from is not shown', async () => {
      const res = await staffCall(t, admin.cookie, 'GET', '/stats?from=2026-01&to=2026-01');
      expect(res.status).toBe(200);
      const report = res.json as unknown as StatsReport;
      expect(row(report, '2026-01', 'total', 'all')).toMatchObject({ cases: 9, closed: 6, closedInsideDue: 5, firstContacts: 7 });
      // 9 cases, 2 of them police: youth work's 7 would give the police's 2 away, so it is not shown.
      expect(row(report, '2026-01', 'queue', 'police')).toMatchObject({ cases: '<5', closed: 0, firstContacts: 0, medianWorkingDaysToFirstContact: null });
      expect(row(report, '2026-01', 'queue', 'youth-work')).toEqual({
        month: '2026-01',
        dimension: 'queue',
        value: 'youth-work',
        cases: null,
        closed: 6,
        closedInsideDue: 5,
        // 5 of 6 closed in time: the one late case would be a group of one.
        shareClosedInsideDue: null,
        firstContacts: 7,
        medianWorkingDaysToFirstContact: 1,
      });
      expect(row(report, '2026-01', 'kind', 'concern').cases).toBe('<5');
      expect(row(report, '2026-01', 'category', 'crime').cases).toBe('<5');
      expect(row(report, '2026-01', 'category', 'other').cases).toBe('<5');
      expect(row(report, '2026-01', 'language', 'sv').cases).toBe('<5');
      expect(row(report, '2026-01', 'language', 'fi').cases).toBeNull();
      expect(row(report, '2026-01', 'queue', 'domestic-violence').cases).toBe(0);
      // Who wrote and the age band count too; every value is listed, even at zero, "I don't know" as `unknown`.
      expect(row(report, '2026-01', 'writer', 'parent').cases).toBe(9);
      expect(row(report, '2026-01', 'writer', 'friend').cases).toBe(0);
      expect(row(report, '2026-01', 'age', '12-14').cases).toBe(9);
      expect(row(report, '2026-01', 'age', 'unknown').cases).toBe(0);
      expectNothingDerivable(report);
      // Nothing personal: only identifiers and numbers.
      expect(JSON.stringify(report)).not.toMatch(/@|reference|[A-Z]{4}-[A-Z0-9]{4}/);
    });

    it('over a quarter, leaves no "<5" the only hidden count of a sum the export shows', async () => {
      const res = await staffCall(t, admin.cookie, 'GET', '/stats?from=2026-01&to=2026-03');
      expect(res.status).toBe(200);
      const report = res.json as unknown as StatsReport;
      // Months are Helsinki months: February's one case shows as "<5", and so January's 9 of the quarter's 10 is not shown.
      expect(row(report, '2026-02', 'total', 'all').cases).toBe('<5');
      expect(row(report, '2026-02', 'queue', 'social-work').cases).toBe('<5');
      expect(row(report, '2026-01', 'total', 'all').cases).toBeNull();
      expect(row(report, 'all', 'total', 'all').cases).toBe(10);
      expectNothingDerivable(report);
    });

    it('exports the same lines as CSV, "<5" and hidden counts included', async () => {
      const res = await t.app.request('/api/staff/stats.csv?from=2026-01&to=2026-01', { headers: { Cookie: admin.cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('Content-Disposition')).toContain('anchor-statistics-2026-01-2026-01.csv');
      const lines = (await res.text()).trimEnd().split('\r\n');
      expect(lines[0]).toBe('month,dimension,value,cases,closed,closed_inside_due_date,share_closed_inside_due_date,first_contacts,median_working_days_to_first_contact');
      expect(lines).toContain('2026-01,queue,youth-work,,6,5,,7,1');
      expect(lines).toContain('2026-01,queue,police,"<5",0,0,,0,');
      expect(lines).toContain('2026-01,total,all,9,6,5,,7,1');
    });

    it('gives whole calendar months, quarters and years only, by default this year', async () => {
      const res = await staffCall(t, admin.cookie, 'GET', '/stats');
      expect(res.json).toMatchObject({ from: '2026-01', to: '2026-12' });
      for (const [from, to] of [['2026-01', '2026-03'], ['2026-10', '2026-12'], ['2025-01', '2025-12'], ['2026-02', '2026-02']]) {
        expect((await staffCall(t, admin.cookie, 'GET', `/stats?from=${from}&to=${to}`)).status, `${from}..${to}`).toBe(200);
      }
      // Overlapping ranges could be subtracted: January to May less February to May is January.
      for (const query of ['from=2026-01&to=2026-05', 'from=2026-02&to=2026-05', 'from=2026-02&to=2026-04', 'from=2025-07&to=2026-06', 'from=2026-01', 'to=2026-03']) {
        const refused = await staffCall(t, admin.cookie, 'GET', `/stats?${query}`);
        expect(refused.status, query).toBe(400);
        expect(refused.json, query).toEqual({ errors: [{ path: 'from', code: 'not_a_period' }] });
      }
      expect((await staffCall(t, admin.cookie, 'GET', '/stats?from=2026-03&to=2026-01')).status).toBe(400);
      expect((await staffCall(t, admin.cookie, 'GET', '/stats?from=2026-13&to=2026-13')).status).toBe(400);
    });
  });
}
