import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requireRole, type StaffEnv } from '../staff/access.ts';
import { fieldError, jsonOnly, parseBody, staffLocale } from '../http/json-body.ts';
import { addStaffUser, deactivateStaffUser, listStaffUsers, newStaffUserSchema, resetStaffUser, type StaffUserSummary } from '../staff/users.ts';
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
 * one-time enrolment link to hand over), deactivate one, or start a reset.
 */
export function staffUserRoutes(deps: StaffDeps) {
  return new Hono<StaffEnv>()
    .get('/', requireRole('admin'), async (c) => {
      const users = await listStaffUsers(deps.db);
      return c.json({ users: users.map(userJson) });
    })
    .post('/', requireRole('admin'), ...jsonOnly(), async (c) => {
      const body = await parseBody(c, newStaffUserSchema);
      if (body.response) return body.response;
      const result = await addStaffUser(deps.db, body.data, { now: deps.now(), publicOrigin: deps.publicOrigin });
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
      const result = await deactivateStaffUser(deps.db, id, deps.now());
      if (result.outcome === 'not_found') return c.json({ error: 'not_found' as const }, 404);
      deps.logger.info({ msg: 'staff user deactivated', actor, userId: id });
      return c.json({ user: userJson(result.user) });
    })
    .post('/:id/reset', requireRole('admin'), async (c) => {
      const id = userId(c);
      if (!id) return c.json({ error: 'not_found' as const }, 404);
      const result = await resetStaffUser(deps.db, id, { now: deps.now(), publicOrigin: deps.publicOrigin });
      if (result.outcome === 'not_found') return c.json({ error: 'not_found' as const }, 404);
      if (result.outcome === 'deactivated') return c.json({ error: 'user_deactivated' as const }, 409);
      deps.logger.info({ msg: 'staff user reset started', actor: c.get('staff')!.userId, userId: id });
      return c.json({ user: userJson(result.user), enrolmentLink: result.link, expiresAt: result.expiresAt.toISOString() });
    });
}
