import type { KeyObject } from 'node:crypto';
import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../audit/append.ts';
import type { Db } from '../db/client.ts';
import { enrolments, recoveryCodes, sessions, staffUsers } from '../db/schema/staff.ts';
import { queues } from '../intake/routing.ts';
import { issueEnrolment } from './enrolment.ts';
import { accountHash, clearSignInFailures } from './throttle.ts';

/** Staff roles: intake (every new case), team (their team's queue), admin (users, audit). */
export const staffRoles = ['intake', 'team', 'admin'] as const;

/** The teams a `team` user works in: the routing queues. */
export const staffTeams = queues;

/** A new staff user as the admin API and the CLI take it; the messages are UI string keys. */
export const newStaffUserSchema = z
  .object(
    {
      email: z
        .string({ error: 'form.error.required' })
        .trim()
        .toLowerCase()
        .max(254, { error: 'form.error.tooLong' })
        .pipe(z.email({ error: 'form.error.email' })),
      role: z.enum(staffRoles, { error: 'form.error.choose' }),
      team: z.enum(staffTeams, { error: 'form.error.choose' }).nullish(),
    },
    { error: 'form.error.invalid' },
  )
  .superRefine((v, ctx) => {
    // A team member works in exactly one team's queue; intake and admin see across teams.
    if (v.role === 'team' && !v.team) ctx.addIssue({ code: 'custom', path: ['team'], message: 'staff.error.teamRequired' });
    if (v.role !== 'team' && v.team) ctx.addIssue({ code: 'custom', path: ['team'], message: 'staff.error.teamNotAllowed' });
  })
  .transform((v) => ({ email: v.email, role: v.role, team: v.team ?? null }));

/** A checked new staff user. */
export type NewStaffUser = z.output<typeof newStaffUserSchema>;

/** A staff user as the admin sees them: never a hash or a secret. */
export interface StaffUserSummary {
  id: string;
  email: string;
  role: string;
  team: string | null;
  status: string;
  createdAt: Date;
}

const summary = {
  id: staffUsers.id,
  email: staffUsers.email,
  role: staffUsers.role,
  team: staffUsers.team,
  status: staffUsers.status,
  createdAt: staffUsers.createdAt,
};

/** Where links point and what time it is. */
export interface LinkOptions {
  now: Date;
  publicOrigin: string;
}

/**
 * Called inside a user change's transaction once the change is made, with
 * what to record beside it (ids and counts only): the routes append the
 * audit entry here, so the change and its entry commit together.
 */
export type OnUserChange = (tx: Tx, user: StaffUserSummary, detail: Record<string, unknown>) => Promise<unknown>;

/** Every staff user, by email. */
export function listStaffUsers(db: Db): Promise<StaffUserSummary[]> {
  return db.select(summary).from(staffUsers).orderBy(asc(staffUsers.email));
}

/**
 * Adds a user (status `pending`) with a one-time enrolment link valid for
 * 24 hours. An email already in use is refused, whatever that user's status.
 */
export async function addStaffUser(
  db: Db,
  input: NewStaffUser,
  options: LinkOptions,
  onChange?: OnUserChange,
): Promise<{ outcome: 'added'; user: StaffUserSummary; link: string; expiresAt: Date } | { outcome: 'email_taken' }> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(staffUsers)
      .values({ ...input, status: 'pending', createdAt: options.now, updatedAt: options.now })
      .onConflictDoNothing({ target: staffUsers.email })
      .returning(summary);
    if (!user) return { outcome: 'email_taken' as const };
    const { link, expiresAt } = await issueEnrolment(tx, user.id, 'enrol', options);
    await onChange?.(tx, user, { userId: user.id, role: user.role, team: user.team });
    return { outcome: 'added' as const, user, link, expiresAt };
  });
}

/**
 * Deactivates a user: status `deactivated`, every session ended at once,
 * every open enrolment link used up. The user stays listed (the audit trail
 * names them) and their email cannot be reused.
 */
export async function deactivateStaffUser(db: Db, id: string, now: Date, onChange?: OnUserChange): Promise<{ outcome: 'deactivated'; user: StaffUserSummary } | { outcome: 'not_found' }> {
  return db.transaction(async (tx) => {
    const [user] = await tx.update(staffUsers).set({ status: 'deactivated', updatedAt: now }).where(eq(staffUsers.id, id)).returning(summary);
    if (!user) return { outcome: 'not_found' as const };
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await tx.update(enrolments).set({ usedAt: now }).where(and(eq(enrolments.userId, id), isNull(enrolments.usedAt)));
    await onChange?.(tx, user, { userId: id });
    return { outcome: 'deactivated' as const, user };
  });
}

/**
 * Starts a password or authenticator reset: the user's password, TOTP
 * secret and recovery codes stop working at once (a reset often follows a
 * lost phone or a leaked password), every session ends, earlier links are
 * used up, and a new 24-hour link (purpose `reset`) takes them through
 * enrolment again. The user is `pending` until then. A deactivated user is
 * refused: a reset must not quietly bring them back.
 */
export async function resetStaffUser(
  db: Db,
  id: string,
  options: LinkOptions,
  onChange?: OnUserChange,
): Promise<{ outcome: 'reset'; user: StaffUserSummary; link: string; expiresAt: Date } | { outcome: 'not_found' } | { outcome: 'deactivated' }> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .update(staffUsers)
      .set({ status: 'pending', passwordHash: null, totpSecret: null, totpLastStep: null, updatedAt: options.now })
      .where(and(eq(staffUsers.id, id), ne(staffUsers.status, 'deactivated')))
      .returning(summary);
    if (!user) {
      const [exists] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.id, id));
      return exists ? { outcome: 'deactivated' as const } : { outcome: 'not_found' as const };
    }
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, id));
    await tx.update(enrolments).set({ usedAt: options.now }).where(and(eq(enrolments.userId, id), isNull(enrolments.usedAt)));
    const { link, expiresAt } = await issueEnrolment(tx, id, 'reset', options);
    await onChange?.(tx, user, { userId: id });
    return { outcome: 'reset' as const, user, link, expiresAt };
  });
}

/**
 * Lifts every sign-in throttle on a user's account (their failures from every
 * address are deleted; the log keeps the record of them). Any status: a
 * pending user may be throttled on their first sign-in too.
 */
export async function unlockStaffUser(
  db: Db,
  id: string,
  clientKey: KeyObject,
  onChange?: OnUserChange,
): Promise<{ outcome: 'unlocked'; user: StaffUserSummary; cleared: number } | { outcome: 'not_found' }> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select(summary).from(staffUsers).where(eq(staffUsers.id, id)).for('update');
    if (!user) return { outcome: 'not_found' as const };
    const cleared = await clearSignInFailures(tx, accountHash(user.email, clientKey));
    await onChange?.(tx, user, { userId: id, cleared });
    return { outcome: 'unlocked' as const, user, cleared };
  });
}

/** A user by email, for the CLI. */
export async function findStaffUserByEmail(db: Db, email: string): Promise<StaffUserSummary | undefined> {
  const [user] = await db.select(summary).from(staffUsers).where(eq(staffUsers.email, email.trim().toLowerCase()));
  return user;
}
