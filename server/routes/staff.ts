import { Hono } from 'hono';
import type { KeyObject } from 'node:crypto';
import type { BlockList } from 'node:net';
import type { Db } from '../db/client.ts';
import { requireRole, staffSession, type StaffEnv } from '../staff/access.ts';
import type { IntakeKeyring } from '../crypto/keys.ts';
import type { Logger } from '../logger.ts';
import type { AuditSink } from '../audit/sink.ts';
import { staffAuthRoutes } from './staff-auth.ts';
import { staffUserRoutes } from './staff-users.ts';
import { staffAuditRoutes } from './staff-audit.ts';
import { staffCaseRoutes } from './staff-cases.ts';
import { staffStatsRoutes } from './staff-stats.ts';

/** What the staff API needs. */
export interface StaffDeps {
  db: Db;
  publicOrigin: string;
  keyring: IntakeKeyring;
  logger: Logger;
  now: () => Date;
  /** The key of the keyed hashes of client addresses and sign-in accounts (RATE_LIMIT_KEY). */
  clientKey: KeyObject;
  /** The proxies whose X-Forwarded-For is believed. */
  proxies: BlockList;
  /** Whether the forms are in flood mode (server/forms/flood-monitor.ts), for the staff app's banner. */
  flood: () => Promise<{ active: boolean }>;
  /** The audit trail's MAC key (AUDIT_MAC_KEY, or the development key). */
  auditKey: Buffer;
  /** Where committed audit entries' seq and MAC also go (AUDIT_SINK_DIR), when configured. */
  auditSink?: AuditSink | undefined;
  /** The key that seals TOTP secrets (STAFF_SECRET_KEY, or the development key). */
  staffSecretKey: KeyObject;
  /** Told when a spam case is restored, so that its notification goes out at once. */
  onCaseRestored?: () => void;
}

/**
 * The staff API under /api/staff. Every route declares its access with
 * requireRole(); the session middleware resolves the cookie first.
 */
export function staffRoutes(deps: StaffDeps) {
  return new Hono<StaffEnv>()
    .use(staffSession(deps.db, { publicOrigin: deps.publicOrigin, now: deps.now }))
    // Who am I: asked by the app on every load, signed in or not, so a signed-out answer is not an error
    // (a 401 here would put an error in every signed-out browser's console). Every other route says 401.
    .get('/me', requireRole('public'), async (c) => {
      const staff = c.get('staff');
      if (!staff) return c.json({ signedIn: false as const });
      return c.json({
        signedIn: true as const,
        email: staff.email,
        role: staff.role,
        team: staff.team,
        idleExpiresAt: staff.idleExpiresAt.toISOString(),
        floodMode: (await deps.flood()).active,
      });
    })
    .route('/auth', staffAuthRoutes(deps))
    .route('/users', staffUserRoutes(deps))
    .route('/', staffCaseRoutes(deps))
    .route('/', staffAuditRoutes(deps.db))
    .route('/', staffStatsRoutes(deps.db, deps.now));
}
