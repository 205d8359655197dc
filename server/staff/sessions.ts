import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Tx } from '../audit/append.ts';
import type { Db } from '../db/client.ts';
import { sessions, staffUsers } from '../db/schema/staff.ts';

/** The session cookie: `__Host-` binds it to this origin, path / and Secure. */
export const SESSION_COOKIE = '__Host-session';

/** Session lifetimes: 30 minutes idle, 12 hours at most (WCAG 2.2.1 warning comes two minutes before idle). */
export interface SessionTimes {
  idleMs: number;
  absoluteMs: number;
}

/** Default lifetimes. */
export const sessionTimes: SessionTimes = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };

/** Who is signed in. */
export interface StaffIdentity {
  userId: string;
  email: string;
  role: 'intake' | 'team' | 'admin';
  team: string | null;
  /** When the session ends if left idle (for the warning). */
  idleExpiresAt: Date;
}

/** The hash a session id is stored as. */
export const hashSessionId = (id: string): string => createHash('sha256').update(id).digest('base64url');

/** Starts a session: a new random 256-bit id (never reused across sign-ins), stored only as a hash. */
export async function createSession(db: Db | Tx, userId: string, now: Date): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({ idHash: hashSessionId(id), userId, createdAt: now, lastSeenAt: now });
  return id;
}

/**
 * The identity behind a session id, or undefined when the session is
 * unknown, idle for too long, older than the absolute limit, or its user is
 * no longer active. An expired session is deleted; a live one is touched.
 */
export async function resolveSession(db: Db, id: string, now: Date, times: SessionTimes = sessionTimes): Promise<StaffIdentity | undefined> {
  const idHash = hashSessionId(id);
  const [row] = await db
    .select({
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      userId: staffUsers.id,
      email: staffUsers.email,
      role: staffUsers.role,
      team: staffUsers.team,
      status: staffUsers.status,
    })
    .from(sessions)
    .innerJoin(staffUsers, eq(staffUsers.id, sessions.userId))
    .where(eq(sessions.idHash, idHash));
  if (!row) return undefined;
  const expired =
    now.getTime() - row.lastSeenAt.getTime() > times.idleMs ||
    now.getTime() - row.createdAt.getTime() > times.absoluteMs ||
    row.status !== 'active';
  if (expired) {
    await db.delete(sessions).where(eq(sessions.idHash, idHash));
    return undefined;
  }
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
  const idleEnd = Math.min(now.getTime() + times.idleMs, row.createdAt.getTime() + times.absoluteMs);
  return {
    userId: row.userId,
    email: row.email,
    role: row.role as StaffIdentity['role'],
    team: row.team,
    idleExpiresAt: new Date(idleEnd),
  };
}

/** Ends one session (sign-out); true when there was one to end. */
export async function deleteSession(db: Db | Tx, id: string): Promise<boolean> {
  const ended = await db.delete(sessions).where(eq(sessions.idHash, hashSessionId(id))).returning({ idHash: sessions.idHash });
  return ended.length > 0;
}
