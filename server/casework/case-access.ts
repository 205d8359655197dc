import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { cases } from '../db/schema/cases.ts';
import type { StaffIdentity } from '../staff/sessions.ts';

/** A case row as stored. */
export type CaseRow = typeof cases.$inferSelect;

/** The case, or why the caller may not have it: 404 unknown, 403 not theirs. */
export type CaseLookup = { ok: true; row: CaseRow } | { ok: false; status: 404 | 403; error: 'not_found' | 'forbidden' };

/**
 * Whether `staff` may see and work on a case. Intake: every case (spam
 * included, for the spam review). A team member: the cases whose confirmed
 * queue is their team, never spam and never a mere proposal, which intake
 * has not looked at yet. Admin: none (admin manages users, the audit trail
 * and statistics; reading cases is not part of that job).
 */
export function maySee(staff: StaffIdentity, row: Pick<CaseRow, 'queue' | 'status'>): boolean {
  if (staff.role === 'intake') return true;
  if (staff.role === 'team') return row.status !== 'spam' && row.queue !== null && row.queue === staff.team;
  return false;
}

/** Loads a case for `staff`: 404 when there is none, 403 when it is not theirs to see. */
export async function lookupCase(db: Db, staff: StaffIdentity, id: string): Promise<CaseLookup> {
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  if (!row) return { ok: false, status: 404, error: 'not_found' };
  if (!maySee(staff, row)) return { ok: false, status: 403, error: 'forbidden' };
  return { ok: true, row };
}
