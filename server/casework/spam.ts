import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { cases, outbox } from '../db/schema/cases.ts';
import { staffUsers } from '../db/schema/staff.ts';
import type { StaffIdentity } from '../staff/sessions.ts';
import { changeCase, conflict, type Answer, type CaseworkDeps } from './change.ts';
import { parseTimeCursor, timeCursor } from './cursor.ts';
import { queueColumns, toQueueRow, type QueueRow } from './list.ts';
import type { DatabaseHandle } from '../db/client.ts';
import type { SpamReason } from '../forms/prepare-case.ts';
import { caseEvents } from '../db/schema/casework.ts';

/**
 * Records why the forms held a stored case as spam (a `held` event with the
 * reasons, dated when the case arrived), so that the spam review can say it.
 * Through the database function `record_held` (migration 0006): a public
 * host's role holds no table privilege.
 */
export async function recordHeld(database: Pick<DatabaseHandle, 'query'>, reference: string, reasons: readonly SpamReason[]): Promise<void> {
  await database.query('select record_held($1, $2)', [reference, reasons]);
}

/**
 * `GET /spam`: what the honeypot and the fill-time check kept out of the
 * queue, newest first, for intake to look over. The rows are queue rows: no
 * free text and no contact details, so a look at the list shows nothing a
 * bot (or a person wrongly caught) wrote.
 */
export async function listSpam(
  deps: CaseworkDeps,
  query: { after?: string | undefined; limit: number },
): Promise<{ rows: QueueRow[]; nextCursor: string | null } | { error: 'invalid_cursor' }> {
  const where: SQL[] = [eq(cases.status, 'spam')];
  if (query.after !== undefined) {
    const key = parseTimeCursor(query.after);
    if (!key) return { error: 'invalid_cursor' };
    where.push(sql`(${cases.createdAt}, ${cases.id}) < (${key.at.toISOString()}::timestamptz, ${key.id}::uuid)`);
  }
  // Why each was held (the forms' `held` event); null for a case held before reasons were recorded.
  const heldFor = sql<SpamReason[] | null>`(select e.detail->'reasons' from ${caseEvents} e where e.case_id = ${cases.id} and e.type = 'held' limit 1)`;
  const rows = await deps.db
    .select({ ...queueColumns, heldFor })
    .from(cases)
    .leftJoin(staffUsers, eq(staffUsers.id, cases.assigneeId))
    .where(and(...where))
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const now = deps.now();
  return {
    rows: page.map(({ heldFor: reasons, ...r }) => ({ ...toQueueRow(r, now), heldFor: reasons ?? null })),
    nextCursor: rows.length > query.limit && last ? timeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

/**
 * `POST /spam/:id/restore`: a person was wrongly caught. The case goes back
 * into the queue as `new`, and its notification to the team is queued in the
 * outbox in the same transaction, as the forms do for a case that was not spam.
 */
export async function restoreSpam(deps: CaseworkDeps, staff: StaffIdentity, id: string, body: { version: number }): Promise<Answer> {
  const answer = await changeCase(deps, staff, id, body.version, (row) => {
    if (row.status !== 'spam') return conflict('invalid_transition');
    return {
      set: { status: 'new' },
      events: [{ type: 'restored', detail: { from: 'spam', to: 'new' } }],
      audit: { action: 'restore', detail: { from: 'spam', to: 'new' } },
      also: async (tx, updated, now) => {
        await tx.insert(outbox).values({ caseId: updated.id, kind: 'new-case-mail', nextAttemptAt: now });
      },
    };
  });
  if (answer.status === 200) deps.onCaseRestored?.();
  return answer;
}
