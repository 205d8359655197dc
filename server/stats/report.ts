import { and, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { statsFirstContact, statsMonthly } from '../db/schema/casework.ts';
import { helsinkiInstant } from '../time/helsinki-time.ts';
import { ageBands, categoriesByKind, kinds, queues, writersByKind } from '../intake/routing.ts';
import { localeCodes } from '../../src/i18n/locales.ts';
import { CellTable, dimensions, type Dimension } from './cells.ts';
import { caseFacts } from './facts.ts';
import { complementarySuppression } from './suppression.ts';

/** Counts from 1 to 4 are shown as "<5": small groups could point at a family. */
export const suppressionThreshold = 5;

/** A count as published: the number, "<5", or null where it is not shown so that a "<5" cannot be worked out from it. */
export type PublishedCount = number | '<5' | null;

/** One line of the statistics (and of the CSV). `month` is `YYYY-MM`, or `all` for the whole period. */
export interface StatsRow {
  month: string;
  dimension: Dimension;
  value: string;
  cases: PublishedCount;
  closed: PublishedCount;
  closedInsideDue: PublishedCount;
  /** Share of closed cases closed by their due date; null when the groups are too small to show. */
  shareClosedInsideDue: number | null;
  firstContacts: PublishedCount;
  /** Median working days from arrival to first contact (Finnish working days); null under 5 contacts. */
  medianWorkingDaysToFirstContact: number | null;
}

/** The statistics of a range of months. */
export interface StatsReport {
  from: string;
  to: string;
  suppressionThreshold: number;
  rows: StatsRow[];
}

/** The values every dimension lists, even at zero, so that a CSV has the same lines every month. */
const knownValues: Record<Dimension, readonly string[]> = {
  total: ['all'],
  queue: queues,
  kind: kinds,
  category: categoriesByKind.concern,
  language: localeCodes,
  writer: [...writersByKind.contact, ...writersByKind.concern],
  // "I don't know" on the contact form is stored as no band and counted as `unknown`.
  age: [...ageBands, 'unknown'],
};

const isSmall = (n: number) => n > 0 && n < suppressionThreshold;
const publish = (n: number, complement: boolean): PublishedCount => (isSmall(n) ? '<5' : complement ? null : n);

// Dimensions in which each case has exactly one value: their values add up to the month's total.
const additive: readonly Dimension[] = ['queue', 'kind', 'language', 'writer', 'age'];

/** Month names `from` to `to` inclusive (`YYYY-MM`). */
export function monthsBetween(from: string, to: string): string[] {
  // Counted as month numbers, not compared as text: a year before 1000 written
  // without its leading zeros ("999-12") sorted after "1000-01", which gave an
  // empty or wrong range, and a range ending in 9999 ran on to the year 99989.
  const index = (name: string) => {
    const [year, month] = name.split('-').map(Number) as [number, number];
    return year * 12 + month - 1;
  };
  const months: string[] = [];
  for (let i = index(from); i <= index(to); i++) {
    months.push(`${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

/** The instant a Helsinki month begins. */
export function monthStart(name: string): Date {
  const [year, month] = name.split('-').map(Number) as [number, number];
  return helsinkiInstant({ year, month, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 });
}

/** The month after `name`. */
export const nextMonth = (name: string): string => monthsBetween(name, '9999-12')[1] ?? name;

/** The median of a histogram (working days → cases), or null under the threshold. */
export function histogramMedian(histogram: ReadonlyMap<number, number>): number | null {
  const bars = [...histogram.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const total = bars.reduce((sum, [, n]) => sum + n, 0);
  if (total < suppressionThreshold) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (const [days, n] of bars) {
      seen += n;
      if (seen >= rank) return days;
    }
    return bars[bars.length - 1]![0];
  };
  return total % 2 === 1 ? at((total + 1) / 2) : (at(total / 2) + at(total / 2 + 1)) / 2;
}

/**
 * A share is shown only when neither its part nor the rest is a small group
 * (1-4): otherwise "closed 12, share 0.75" would give away the 3 left.
 */
function share(part: number, whole: number): number | null {
  const rest = whole - part;
  const small = (n: number) => n > 0 && n < suppressionThreshold;
  if (whole < suppressionThreshold || small(part) || small(rest)) return null;
  return Math.round((part / whole) * 1000) / 1000;
}

/**
 * The statistics of the months `from`..`to`: the stored aggregates of
 * deleted cases plus the cases still stored. Retention moves a case from the
 * second to the first in one transaction, so each case counts exactly once.
 */
export async function statisticsReport(db: Db, from: string, to: string): Promise<StatsReport> {
  const table = new CellTable();
  const inRange = (t: typeof statsMonthly | typeof statsFirstContact) => and(gte(t.month, from), lte(t.month, to));
  for (const row of await db.select().from(statsMonthly).where(inRange(statsMonthly))) {
    table.addCell({ ...row, dimension: row.dimension as Dimension });
  }
  for (const row of await db.select().from(statsFirstContact).where(inRange(statsFirstContact))) {
    table.addContact({ ...row, dimension: row.dimension as Dimension });
  }
  const start = monthStart(from).toISOString();
  const end = monthStart(nextMonth(to)).toISOString();
  for (const f of await caseFacts(db, sql`c.created_at >= ${start}::timestamptz and c.created_at < ${end}::timestamptz`)) table.addFacts(f);

  const months = monthsBetween(from, to);
  const totals = new Map<string, { cases: number; closed: number; inside: number; histogram: Map<number, number> }>();
  const slot = (month: string, dimension: string, value: string) => {
    const key = `${month}\u0000${dimension}\u0000${value}`;
    let s = totals.get(key);
    if (!s) totals.set(key, (s = { cases: 0, closed: 0, inside: 0, histogram: new Map() }));
    return s;
  };
  for (const cell of table.cells.values()) {
    for (const month of [cell.month, 'all']) {
      const s = slot(month, cell.dimension, cell.value);
      s.cases += cell.cases;
      s.closed += cell.closed;
      s.inside += cell.closedInsideDue;
    }
  }
  for (const c of table.contacts.values()) {
    for (const month of [c.month, 'all']) {
      const h = slot(month, c.dimension, c.value).histogram;
      h.set(c.workingDays, (h.get(c.workingDays) ?? 0) + c.cases);
    }
  }
  const values = new Map<Dimension, Set<string>>(dimensions.map((d) => [d, new Set(knownValues[d])]));
  for (const cell of table.cells.values()) values.get(cell.dimension)?.add(cell.value);
  const lines: { month: string; dimension: Dimension; value: string; key: string }[] = [];
  for (const month of [...months, 'all']) {
    for (const dimension of dimensions) {
      for (const value of values.get(dimension) ?? []) lines.push({ month, dimension, value, key: `${month}\u0000${dimension}\u0000${value}` });
    }
  }
  // Every sum the export shows: the months of a line add up to its whole period, and an additive dimension's values to the total.
  const relations: string[][] = [];
  for (const dimension of dimensions) {
    for (const value of values.get(dimension) ?? []) relations.push([...months, 'all'].map((m) => `${m}\u0000${dimension}\u0000${value}`));
  }
  for (const month of [...months, 'all']) {
    for (const dimension of additive) {
      relations.push([...[...(values.get(dimension) ?? [])].map((v) => `${month}\u0000${dimension}\u0000${v}`), `${month}\u0000total\u0000all`]);
    }
  }
  const contactsOf = (s: { histogram: Map<number, number> }) => [...s.histogram.values()].reduce((a, b) => a + b, 0);
  const measures = {
    cases: (s: ReturnType<typeof slot>) => s.cases,
    closed: (s: ReturnType<typeof slot>) => s.closed,
    inside: (s: ReturnType<typeof slot>) => s.inside,
    contacts: contactsOf,
  };
  const complements = Object.fromEntries(
    Object.entries(measures).map(([name, measure]) => [
      name,
      complementarySuppression(new Map(lines.map((l) => [l.key, measure(slot(l.month, l.dimension, l.value))])), relations, isSmall),
    ]),
  ) as Record<keyof typeof measures, Set<string>>;
  const rows: StatsRow[] = lines.map(({ month, dimension, value, key }) => {
    const s = slot(month, dimension, value);
    const closedShown = !complements.closed.has(key) && !complements.inside.has(key);
    return {
      month,
      dimension,
      value,
      cases: publish(s.cases, complements.cases.has(key)),
      closed: publish(s.closed, complements.closed.has(key)),
      closedInsideDue: publish(s.inside, complements.inside.has(key)),
      // A share of hidden counts would give them away.
      shareClosedInsideDue: closedShown ? share(s.inside, s.closed) : null,
      firstContacts: publish(contactsOf(s), complements.contacts.has(key)),
      medianWorkingDaysToFirstContact: histogramMedian(s.histogram),
    };
  });
  return { from, to, suppressionThreshold, rows };
}
