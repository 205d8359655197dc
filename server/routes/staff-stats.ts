import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { fieldErrors } from '../casework/requests.ts';
import { helsinkiDate } from '../time/helsinki-time.ts';
import { requireRole, type StaffEnv } from '../staff/access.ts';
import { statisticsCsv } from '../stats/csv.ts';
import { statisticsReport } from '../stats/report.ts';
import { statsPeriodKind, yearOf } from '../../src/shared/stats/periods.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const rangeQuery = z
  .object({ from: month.optional(), to: month.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['from'], message: 'after_to' });

/** The period asked for, by default the current calendar year (Helsinki time). */
function resolveRange(query: { from?: string | undefined; to?: string | undefined }, now: Date): { from: string; to: string } {
  // One end alone is no period (and is refused as one).
  if (query.from || query.to) return { from: query.from ?? '', to: query.to ?? '' };
  const today = helsinkiDate(now);
  return yearOf(`${today.year}-${String(today.month).padStart(2, '0')}`);
}

/**
 * Statistics for admins, without personal data: `GET /stats?from=YYYY-MM&to=YYYY-MM`
 * for a whole month, quarter or year (JSON) and `GET /stats.csv` (the same
 * lines as CSV). Counts from 1 to 4 are shown as "<5" in both, and the
 * counts they could be worked out from are not shown (null).
 */
export function staffStatsRoutes(db: Db, now: () => Date) {
  const report = async (query: Record<string, string>) => {
    const parsed = rangeQuery.safeParse(query);
    if (!parsed.success) return { errors: fieldErrors(parsed.error.issues) };
    const range = resolveRange(parsed.data, now());
    // A whole month, quarter or year only: ranges that overlap could be subtracted from each other.
    if (!statsPeriodKind(range.from, range.to)) return { errors: { errors: [{ path: 'from', code: 'not_a_period' }] } };
    return { report: await statisticsReport(db, range.from, range.to) };
  };
  return new Hono<StaffEnv>()
    .get('/stats', requireRole('admin'), async (c) => {
      const result = await report(c.req.query());
      return result.report ? c.json(result.report) : c.json(result.errors, 400);
    })
    .get('/stats.csv', requireRole('admin'), async (c) => {
      const result = await report(c.req.query());
      if (!result.report) return c.json(result.errors, 400);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="anchor-statistics-${result.report.from}-${result.report.to}.csv"`);
      return c.body(statisticsCsv(result.report));
    });
}
