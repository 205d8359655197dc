import { and, asc, eq, or } from 'drizzle-orm';
import { staffUsers } from '../db/schema/staff.ts';
import type { Queue } from '../intake/routing.ts';
import type { StaffIdentity } from '../staff/sessions.ts';
import { changeCase, conflict, fieldRefusal, type Answer, type CaseworkDeps } from './change.ts';
import type { CaseRow } from './case-access.ts';
import { isOpen } from '../../src/shared/casework/lifecycle.ts';

/** The staff user an assignment names, if any. */
async function findStaff(deps: CaseworkDeps, id: string) {
  const [user] = await deps.db.select({ role: staffUsers.role, team: staffUsers.team, status: staffUsers.status }).from(staffUsers).where(eq(staffUsers.id, id));
  return user;
}

/**
 * Who may hold a case in `queue`: an active intake worker (any case), or an
 * active member of that very team. Admins do not work on cases.
 */
async function mayHold(deps: CaseworkDeps, userId: string, queue: string | null): Promise<boolean> {
  const user = await findStaff(deps, userId);
  if (!user || user.status !== 'active') return false;
  return user.role === 'intake' || (user.role === 'team' && queue !== null && user.team === queue);
}

/** A person a case can be given to. */
export interface Assignee {
  id: string;
  email: string;
  role: string;
  team: string | null;
}

/**
 * `GET /cases/:id/assignees`: everyone {@link mayHold} accepts for a case in
 * `queue` (active intake workers, and the active members of that team), by
 * email, so that the assign control offers only choices the server takes.
 */
export function assignableStaff(deps: CaseworkDeps, queue: string | null): Promise<Assignee[]> {
  const team = queue === null ? undefined : and(eq(staffUsers.role, 'team'), eq(staffUsers.team, queue));
  return deps.db
    .select({ id: staffUsers.id, email: staffUsers.email, role: staffUsers.role, team: staffUsers.team })
    .from(staffUsers)
    .where(and(eq(staffUsers.status, 'active'), or(eq(staffUsers.role, 'intake'), team)))
    .orderBy(asc(staffUsers.email));
}

/**
 * `POST /cases/:id/route`: intake confirms the proposed queue or changes it.
 * A reason is required whenever the queue differs from the proposal or from
 * the queue confirmed before; it is staff free text, so it is sealed in the
 * event like a note. A `new` case moves to `triage`. An assignee from another
 * team loses the case, which goes back to `triage` for the new team.
 */
export function routeCase(deps: CaseworkDeps, staff: StaffIdentity, id: string, body: { queue: Queue; reason?: string | undefined; version: number }): Promise<Answer> {
  return changeCase(deps, staff, id, body.version, async (row: CaseRow) => {
    if (!isOpen(row.status)) return conflict('invalid_transition');
    const changesQueue = body.queue !== row.proposedQueue || (row.queue !== null && body.queue !== row.queue);
    if (changesQueue && !body.reason) return fieldRefusal('reason', 'required');
    let assigneeId = row.assigneeId;
    if (assigneeId && !(await mayHold(deps, assigneeId, body.queue))) assigneeId = null;
    let status = row.status === 'new' ? 'triage' : row.status;
    if (assigneeId === null && row.assigneeId !== null) status = 'triage';
    return {
      set: { queue: body.queue, status, assigneeId },
      events: [
        {
          type: 'routed',
          detail: { from: row.queue, proposed: row.proposedQueue, to: body.queue, statusFrom: row.status, statusTo: status, assigneeCleared: assigneeId !== row.assigneeId },
          sealedText: body.reason || undefined,
        },
      ],
      audit: { action: 'route', detail: { from: row.queue, to: body.queue } },
    };
  });
}

/**
 * `POST /cases/:id/assign`: names who works on the case (intake, or a team
 * member within their own queue), or nobody (null). A `new` or `triage` case
 * becomes `assigned`; an `assigned` case left without anyone goes back to `triage`.
 */
export function assignCase(deps: CaseworkDeps, staff: StaffIdentity, id: string, body: { assigneeId: string | null; version: number }): Promise<Answer> {
  return changeCase(deps, staff, id, body.version, async (row: CaseRow) => {
    if (!isOpen(row.status)) return conflict('invalid_transition');
    if (body.assigneeId !== null && !(await mayHold(deps, body.assigneeId, row.queue))) return fieldRefusal('assigneeId', 'invalid_assignee');
    let status = row.status;
    if (body.assigneeId !== null && (status === 'new' || status === 'triage')) status = 'assigned';
    if (body.assigneeId === null && status === 'assigned') status = 'triage';
    return {
      set: { assigneeId: body.assigneeId, status },
      events: [{ type: 'assigned', detail: { from: row.assigneeId, to: body.assigneeId, statusFrom: row.status, statusTo: status } }],
      audit: { action: 'assign', detail: { assigneeId: body.assigneeId } },
    };
  });
}
