import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Db } from '../db/client.ts';
import { isSameOrigin } from '../http/same-origin.ts';
import { resolveSession, SESSION_COOKIE, type SessionTimes, type StaffIdentity } from './sessions.ts';

/** Hono variables of staff routes. */
export type StaffEnv = { Variables: { staff: StaffIdentity | undefined; sessionId: string | undefined } };

/** A staff role, or `public` for the few routes used before signing in. */
export type Access = StaffIdentity['role'] | 'public';

/** A middleware that carries the access it demands, so a test can walk the route table. */
export type AccessMiddleware = MiddlewareHandler<StaffEnv> & { access: readonly Access[] };

/**
 * Declares who may call a staff route: `requireRole('intake', 'admin')`, or
 * `requireRole('public')` for sign-in and enrolment. Every /api/staff route
 * must have one (a test fails for any that has not). 401 without a session,
 * 403 with a role that is not listed.
 */
export function requireRole(...access: Access[]): AccessMiddleware {
  const handler: MiddlewareHandler<StaffEnv> = async (c, next) => {
    if (!access.includes('public')) {
      const staff = c.get('staff');
      if (!staff) return c.json({ error: 'unauthenticated' }, 401);
      if (!access.includes(staff.role)) return c.json({ error: 'forbidden' }, 403);
    }
    await next();
  };
  return Object.assign(handler, { access });
}

/**
 * Resolves the session cookie for every staff request, marks every response
 * `Cache-Control: no-store`, and refuses a state-changing request that is not
 * same-origin (Sec-Fetch-Site, else Origin against the public origin).
 */
export function staffSession(db: Db, options: { publicOrigin: string; now: () => Date; times?: SessionTimes }): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    c.header('Cache-Control', 'no-store');
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) && !isSameOrigin(c, options.publicOrigin)) {
      return c.json({ error: 'forbidden_origin' }, 403);
    }
    const id = getCookie(c, SESSION_COOKIE);
    c.set('sessionId', id);
    c.set('staff', id ? await resolveSession(db, id, options.now(), options.times) : undefined);
    await next();
    c.header('Cache-Control', 'no-store');
  };
}
