import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requireRole, type StaffEnv } from '../staff/access.ts';
import { fieldError, jsonOnly, parseBody, staffLocale } from '../http/json-body.ts';
import { auditRecorder } from '../audit/record.ts';
import type { AuditAction } from '../audit/chain.ts';
import {
  addStaffUser,
  deactivateStaffUser,
  listStaffUsers,
  newStaffUserSchema,
  resetStaffUser,
  unlockStaffUser,
  type OnUserChange,
} from '../staff/users.ts';
import type { StaffUserSummary } from '../staff/users.ts';
import type { StaffDeps } from './staff.ts';

const userJson = (u: StaffUserSummary) => ({ id: u.id, email: u.email, role: u.role, team: u.team, status: u.status, createdAt: u.createdAt.toISOString() });

const uuid = z.uuid();
/** The `:id` parameter when it is a well-formed id; anything else is simply not found. */
const userId = (c: Context): string | undefined => {
  const parsed = uuid.safeParse(c.req.param('id'));
  return parsed.success ? parsed.data : undefined;
};

/**
 * `/api/staff/users`, for admins only: list the staff, add a person (with a
 * one-time enrolment link to hand over), deactivate one, start a reset, or
 * lift the sign-in throttle on one. Every change joins the audit trail in
 * its own transaction, the sink after the commit.
 */
export function staffUserRoutes(deps: StaffDeps) {
  // An audit entry for a user change, by the admin signing in this request; `committed` writes the sink.
  const audited = (c: Context, action: AuditAction) => {
    const recorder = auditRecorder({ key: deps.auditKey, sink: deps.auditSink });
    const actorId = c.get('staff')!.userId;
    const now = deps.now();
    const onChange: OnUserChange = (tx, _user, detail) => recorder.append(tx, { actorId, action, caseId: null, caseReference: null, purpose: null, detail }, now);
    return { onChange, now, committed: () => recorder.committed() };
  };
  return new Hono<StaffEnv>()
    .get('/', requireRole('admin'), async (c) => {
      const users = await listStaffUsers(deps.db);
      return c.json({ users: users.map(userJson) });
    })
    .post('/', requireRole('admin'), ...jsonOnly(), async (c) => {
      const body = await parseBody(c, newStaffUserSchema);
      if (body.response) return body.response;
      const audit = audited(c, 'user-add');
      const result = await addStaffUser(deps.db, body.data, { now: audit.now, publicOrigin: deps.publicOrigin }, audit.onChange);
      await audit.committed();
      if (result.outcome === 'email_taken') {
        return c.json({ errors: [fieldError(staffLocale(c), 'email', 'email_taken', 'staff.error.emailTaken')] }, 409);
      }
      deps.logger.info({ msg: 'staff user added', actor: c.get('staff')!.userId, userId: result.user.id, role: result.user.role });
      return c.json({ user: userJson(result.user), enrolmentLink: result.link, expiresAt: result.expiresAt.toISOString() }, 201);
    })
    .post('/:id/deactivate', requireRole('admin'), async (c) => {
      const id = userId(c);
      const actor = c.get('staff')!.userId;
      if (!id) return c.json({ error: 'not_found' as const }, 404);
      // An admin cannot lock themselves out (nor leave the service without the admin doing it).
      if (id === actor) return c.json({ error: 'cannot_deactivate_self' as const }, 409);
      const audit = audited(c, 'user-deactivate');
      const result = await deactivateStaffUser(deps.db, id, audit.now, audit.onChange);
      await audit.committed();
      if (result.outcome === 'not_found') return c.json({ error: 'not_found' as const }, 404);
      deps.logger.info({ msg: 'staff user deactivated', actor, userId: id });
      return c.json({ user: userJson(result.user) });
    })
    .post('/:id/reset', requireRole('admin'), async (c) => {
      const id = userId(c);
      if (!id) return c.json({ error: 'not_found' as const }, 404);
      const audit = audited(c, 'user-reset');
      const result = await resetStaffUser(deps.db, id, { now: audit.now, publicOrigin: deps.publicOrigin }, audit.onChange);
      await audit.committed();
      if (result.outcome === 'not_found') return c.json({ error: 'not_found' as const }, 404);
      if (result.outcome === 'deactivated') return c.json({ error: 'user_deactivated' as const }, 409);
      deps.logger.info({ msg: 'staff user reset started', actor: c.get('staff')!.userId, userId: id });
      return c.json({ user: userJson(result.user), enrolmentLink: result.link, expiresAt: result.expiresAt.toISOString() });
    })
    .post('/:id/unlock', requireRole('admin'), async (c) => {
      const id = userId(c);
      if (!id) return c.json({ error: 'not_found' as const }, 404);
      const audit = audited(c, 'user-unlock');
      const result = await unlockStaffUser(deps.db, id, deps.clientKey, audit.onChange);
      await audit.committed();
      if (result.outcome === 'not_found') return c.json({ error: 'not_found' as const }, 404);
      deps.logger.info({ msg: 'staff sign-in throttle lifted', actor: c.get('staff')!.userId, userId: id, cleared: result.cleared });
      return c.json({ user: userJson(result.user), cleared: result.cleared });
    });
}
