import type { Db } from '../../server/db/client.ts';
import { staffUsers } from '../../server/db/schema/staff.ts';
import { createSession, SESSION_COOKIE } from '../../server/staff/sessions.ts';

/** An active staff user with a session, as a Cookie header for requests. */
export async function signedInStaff(
  db: Db,
  role: 'intake' | 'team' | 'admin',
  team: string | null = null,
  now = new Date(),
): Promise<{ userId: string; cookie: string; sessionId: string }> {
  const [user] = await db
    .insert(staffUsers)
    .values({ email: `${role}-${team ?? 'all'}-${crypto.randomUUID()}@anchor.test`, role, team, status: 'active' })
    .returning({ id: staffUsers.id });
  const sessionId = await createSession(db, user!.id, now);
  return { userId: user!.id, sessionId, cookie: `${SESSION_COOKIE}=${sessionId}` };
}
