import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Tx } from '../audit/append.ts';

/**
 * What the statistics know of a group of alike cases: month of arrival
 * (Helsinki time), the queue (confirmed, else proposed), form, language of
 * the form, categories, whether and how it was closed, the working days to
 * first contact; and how many cases share all of that. Nothing personal.
 */
export interface CaseFacts {
  month: string;
  queue: string;
  kind: string;
  language: string;
  /** Who wrote: the contact form's writers, or `professional`. */
  writer: string;
  /** The age band, or `unknown` when the writer did not know it (stored as no band). */
  age: string;
  categories: string[];
  closed: boolean;
  closedInsideDue: boolean;
  firstContactDays: number | null;
  count: number;
}

/**
 * Cases counted in the statistics: not spam, whether the honeypot caught it
 * or a person closed it as spam. Everything else counts, open or closed.
 */
export const countedCase = sql`c.status <> 'spam' and (c.outcome is null or c.outcome <> 'spam')`;

type Row = {
  month: string;
  queue: string;
  kind: string;
  language: string;
  writer: string;
  age: string;
  categories: string[] | string;
  closed: boolean;
  inside: boolean;
  days: number | null;
  n: number | string;
};

// node-postgres parses text[]; a driver that does not would hand over '{a,b}'.
const parseArray = (value: string[] | string): string[] =>
  Array.isArray(value) ? value : value.replace(/^\{|\}$/g, '').split(',').filter(Boolean).map((s) => s.replace(/^"|"$/g, ''));

/**
 * The facts of the counted cases matching `where` (on `cases c`), grouped in
 * the database so that 100,000 cases come back as a few thousand rows.
 */
export async function caseFacts(db: Db | Tx, where: SQL): Promise<CaseFacts[]> {
  const result = await db.execute(sql`
    select to_char(c.created_at at time zone 'Europe/Helsinki', 'YYYY-MM') as month,
           c.effective_queue as queue, c.kind, c.locale as language,
           coalesce(c.writer, 'unknown') as writer, coalesce(c.age_band, 'unknown') as age, c.categories,
           c.status = 'closed' as closed,
           coalesce(c.status = 'closed' and c.closed_at <= c.due_at, false) as inside,
           c.first_contact_days as days,
           count(*)::int as n
    from cases c
    where ${countedCase} and (${where})
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`);
  return (result as unknown as { rows: Row[] }).rows.map((r) => ({
    month: r.month,
    queue: r.queue,
    kind: r.kind,
    language: r.language,
    writer: r.writer,
    age: r.age,
    categories: parseArray(r.categories),
    closed: r.closed,
    closedInsideDue: r.inside,
    firstContactDays: r.days === null ? null : Number(r.days),
    count: Number(r.n),
  }));
}
