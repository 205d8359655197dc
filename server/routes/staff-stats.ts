import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { fieldErrors } from '../casework/requests.ts';
import { helsinkiDate } from '../time/helsinki-time.ts';
import { requireRole, type StaffEnv } from '../staff/access.ts';
import { statisticsCsv } from '../stats/csv.ts';
import { monthsBetween, statisticsReport } from '../stats/report.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const rangeQuery = z
  .object({ from: month.optional(), to: month.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['from'], message: 'after_to' });

// At most ten years at once keeps an export bounded.
const MAX_MONTHS = 120;

/** The range asked for, by default the twelve months up to the current one (Helsinki time). */
function resolveRange(query: { from?: string | undefined; to?: string | undefined }, now: Date): { from: string; to: string } {
  const today = helsinkiDate(now);
  const current = `${today.year}-${String(today.month).padStart(2, '0')}`;
  const to = query.to ?? current;
  if (query.from) return { from: query.from, to };
  const [year, m] = to.split('-').map(Number) as [number, number];
  const back = year * 12 + (m - 1) - 11;
  return { from: `${Math.floor(back / 12)}-${String((back % 12) + 1).padStart(2, '0')}`, to };
}

/**
 * Statistics for admins, without personal data: `GET /stats?from=YYYY-MM&to=YYYY-MM`
 * (JSON) and `GET /stats.csv` (the same lines as CSV). Counts from 1 to 4
 * are shown as "<5" in both.
 */
export function staffStatsRoutes(db: Db, now: () => Date) {
  const report = async (query: Record<string, string>) => {
    const parsed = rangeQuery.safeParse(query);
    if (!parsed.success) return { errors: fieldErrors(parsed.error.issues) };
    const range = resolveRange(parsed.data, now());
    if (range.from > range.to) return { errors: { errors: [{ path: 'from', code: 'after_to' }] } };
    if (monthsBetween(range.from, range.to).length > MAX_MONTHS) return { errors: { errors: [{ path: 'from', code: 'range_too_long' }] } };
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
