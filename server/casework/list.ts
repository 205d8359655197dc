import { and, asc, eq, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { cases } from '../db/schema/cases.ts';
import { staffUsers } from '../db/schema/staff.ts';
import type { StaffIdentity } from '../staff/sessions.ts';
import { parseQueueCursor, queueCursor } from './cursor.ts';
import type { z } from 'zod';
import type { listQuery } from './requests.ts';

/** One row of the queue: no personal data at all (no name, contact detail or free text). */
export interface QueueRow {
  id: string;
  reference: string;
  version: number;
  kind: string;
  locale: string;
  status: string;
  proposedQueue: string;
  queue: string | null;
  priority: number;
  dueAt: string;
  /** Open, not yet contacted, and past its due date. */
  overdue: boolean;
  assigneeEmail: string | null;
  categories: string[];
  ageBand: string | null;
  interpreterNeeded: boolean;
  contactLanguage: string | null;
  createdAt: string;
  /** The spam review only: why the forms held the case (honeypot, fill-time), null when not recorded. */
  heldFor?: readonly string[] | null;
}

/** The queue's columns, shared with the spam review. */
export const queueColumns = {
  id: cases.id,
  reference: cases.reference,
  version: cases.version,
  kind: cases.kind,
  locale: cases.locale,
  status: cases.status,
  proposedQueue: cases.proposedQueue,
  queue: cases.queue,
  priority: cases.priority,
  dueAt: cases.dueAt,
  firstContactAt: cases.firstContactAt,
  assigneeEmail: staffUsers.email,
  categories: cases.categories,
  ageBand: cases.ageBand,
  interpreterNeeded: cases.interpreterNeeded,
  contactLanguage: cases.contactLanguage,
  createdAt: cases.createdAt,
};

/** A row as selected with {@link queueColumns}. */
export type QueueSelection = Omit<QueueRow, 'dueAt' | 'overdue' | 'createdAt'> & { dueAt: Date; createdAt: Date; firstContactAt: Date | null };

/** A selected row as JSON. */
export function toQueueRow(row: QueueSelection, now: Date): QueueRow {
  const { firstContactAt, dueAt, createdAt, ...rest } = row;
  const open = rest.status !== 'closed' && rest.status !== 'spam';
  return {
    ...rest,
    dueAt: dueAt.toISOString(),
    overdue: open && !firstContactAt && dueAt.getTime() < now.getTime(),
    createdAt: createdAt.toISOString(),
  };
}

const openCondition = sql`${cases.status} not in ('closed', 'spam')`;

/** The list's filters after validation. */
export type ListFilters = z.output<typeof listQuery>;

/** Why a list request cannot be answered. */
export type ListRefusal = { error: 'invalid_cursor' };

/**
 * The query of one page of the queue for `staff` (undefined for a bad
 * cursor), in (priority, due date, id) order,
 * starting after the cursor. Intake sees every case that is not spam; a team
 * member only the cases whose confirmed queue is their team. The conditions
 * are written so that PostgreSQL walks a partial index in order
 * (cases_open_order, cases_open_queue_order, cases_open_assignee_order,
 * cases_listed_order, or cases_queue_order for one status) and stops after `limit + 1` rows.
 */
export function listCasesQuery(db: Db, staff: StaffIdentity, filters: ListFilters, now: Date) {
  const where: SQL[] = [];
  // Literal values, not parameters, so that the planner matches the partial indexes' condition.
  if (filters.status === 'open') where.push(openCondition);
  else if (filters.status === 'all') where.push(sql`${cases.status} <> 'spam'`);
  else where.push(eq(cases.status, filters.status));
  if (staff.role === 'team') {
    // Both: the first leads the index, the second keeps unconfirmed proposals out.
    where.push(eq(cases.effectiveQueue, staff.team ?? ''), eq(cases.queue, staff.team ?? ''));
  }
  if (filters.queue) where.push(eq(cases.effectiveQueue, filters.queue));
  if (filters.priority) where.push(eq(cases.priority, filters.priority));
  if (filters.mine) where.push(eq(cases.assigneeId, staff.userId));
  if (filters.overdue) {
    where.push(lt(cases.dueAt, now), isNull(cases.firstContactAt), openCondition);
  }
  if (filters.after !== undefined) {
    const key = parseQueueCursor(filters.after);
    if (!key) return undefined;
    where.push(sql`(${cases.priority}, ${cases.dueAt}, ${cases.id}) > (${key.priority}::int, ${key.dueAt.toISOString()}::timestamptz, ${key.id}::uuid)`);
  }
  return db
    .select(queueColumns)
    .from(cases)
    .leftJoin(staffUsers, eq(staffUsers.id, cases.assigneeId))
    .where(and(...where))
    .orderBy(asc(cases.priority), asc(cases.dueAt), asc(cases.id))
    .limit(filters.limit + 1);
}

/** One page of the queue (see {@link listCasesQuery}) and the cursor of the next, or a refusal of the cursor. */
export async function listCases(
  db: Db,
  staff: StaffIdentity,
  filters: ListFilters,
  now: Date,
): Promise<{ rows: QueueRow[]; nextCursor: string | null } | ListRefusal> {
  const query = listCasesQuery(db, staff, filters, now);
  if (!query) return { error: 'invalid_cursor' };
  const rows = await query;
  const page = rows.slice(0, filters.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => toQueueRow(r, now)),
    nextCursor: rows.length > filters.limit && last ? queueCursor(last) : null,
  };
}
