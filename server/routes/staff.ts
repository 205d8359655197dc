import { Hono } from 'hono';
import type { BlockList } from 'node:net';
import type { Db } from '../db/client.ts';
import { requireRole, staffSession, type StaffEnv } from '../staff/access.ts';
import type { IntakeKeyring } from '../intake/keys.ts';
import type { Logger } from '../logger.ts';
import { staffAuthRoutes } from './staff-auth.ts';
import { staffUserRoutes } from './staff-users.ts';

/** What the staff API needs. */
export interface StaffDeps {
  db: Db;
  publicOrigin: string;
  keyring: IntakeKeyring;
  logger: Logger;
  now: () => Date;
  /** The key of the keyed hashes of client addresses and sign-in accounts (RATE_LIMIT_KEY). */
  clientKey: Buffer;
  /** The proxies whose X-Forwarded-For is believed. */
  proxies: BlockList;
}

/**
 * The staff API under /api/staff. Every route declares its access with
 * requireRole(); the session middleware resolves the cookie first.
 */
export function staffRoutes(deps: StaffDeps) {
  return new Hono<StaffEnv>()
    .use(staffSession(deps.db, { publicOrigin: deps.publicOrigin, now: deps.now }))
    .get('/me', requireRole('intake', 'team', 'admin'), (c) => {
      const staff = c.get('staff')!;
      return c.json({
        email: staff.email,
        role: staff.role,
        team: staff.team,
        idleExpiresAt: staff.idleExpiresAt.toISOString(),
      });
    })
    .route('/auth', staffAuthRoutes(deps))
    .route('/users', staffUserRoutes(deps));
}
