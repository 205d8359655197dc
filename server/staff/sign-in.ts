import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Tx } from '../audit/append.ts';
import type { Db } from '../db/client.ts';
import { recoveryCodes, staffUsers } from '../db/schema/staff.ts';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { hashRecoveryCode, looksLikeRecoveryCode } from './recovery-codes.ts';
import { createSession, sessionTimes } from './sessions.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { beginSignInAttempt, markSignInSucceeded, signInLimits, type AttemptKeys, type FailureCounts, type SignInLimits } from './throttle.ts';
import { matchTotp } from './totp.ts';
import { openTotpSecret } from './totp-seal.ts';
import type { KeyObject } from 'node:crypto';

/** What a person types to sign in: both factors, every time. */
export interface SignInInput {
  email: string;
  password: string;
  /** A 6-digit code from the authenticator, or a recovery code. */
  code: string;
}

/** The outcome: a session, a refusal that says nothing of why, or too many failures. */
export type SignInResult =
  | { outcome: 'signed_in'; userId: string; sessionId: string; email: string; role: string; team: string | null; idleExpiresAt: Date }
  | { outcome: 'invalid'; failures: FailureCounts; userId: string | undefined }
  | { outcome: 'throttled'; retryAfterSeconds: number; failures: FailureCounts };

// A user id no row has: the recovery code lookup for an unknown account runs all the same.
const NO_USER = '00000000-0000-0000-0000-000000000000';

/**
 * Signs a person in. The throttle comes first, before any password is
 * hashed, so an attacker cannot make the server burn argon2 time at will.
 * Then the same work runs whatever is wrong: the password is checked against
 * the user's hash or, for an unknown user, a dummy hash; a recovery code is
 * looked up for a wrong password too. The second factor is used up only when
 * the password is right, and every refusal looks the same. The throttle
 * (throttle.ts) never refuses a client that has not failed: an attacker
 * cannot lock the owner out.
 */
export async function signIn(
  db: Db,
  input: SignInInput,
  context: { keys: AttemptKeys; now: Date; limits?: SignInLimits; onSignedIn?: (tx: Tx, userId: string) => Promise<unknown>; totpKey: KeyObject },
): Promise<SignInResult> {
  const { now } = context;
  const email = input.email.trim().toLowerCase();
  const attempt = await beginSignInAttempt(db, context.keys, now, context.limits ?? signInLimits);
  if (attempt.retryAfterSeconds !== undefined) return { outcome: 'throttled', retryAfterSeconds: attempt.retryAfterSeconds, failures: attempt.failures };
  // An account past its ceiling is slowed, never closed: the owner's clean address still gets through.
  if (attempt.waitMs > 0) await sleep(attempt.waitMs);

  const [user] = await db.select().from(staffUsers).where(eq(staffUsers.email, email));
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  const usable = passwordOk && user !== undefined && user.status === 'active' && user.passwordHash !== null && user.totpSecret !== null;

  const secondFactor = looksLikeRecoveryCode(input.code)
    ? await useRecoveryCode(db, user?.id ?? NO_USER, input.code, usable, now)
    : await useTotp(db, user, input.code.trim(), usable, now, context.totpKey);
  if (!usable || !secondFactor) return { outcome: 'invalid', failures: attempt.failures, userId: user?.id };

  await markSignInSucceeded(db, attempt.attemptId);
  if (needsRehash(user.passwordHash!)) {
    await db.update(staffUsers).set({ passwordHash: await hashPassword(input.password) }).where(eq(staffUsers.id, user.id));
  }
  // The session and the audit entry of the sign-in commit together.
  const sessionId = await db.transaction(async (tx) => {
    const id = await createSession(tx, user.id, now);
    await context.onSignedIn?.(tx, user.id);
    return id;
  });
  return {
    outcome: 'signed_in',
    userId: user.id,
    sessionId,
    email: user.email,
    role: user.role,
    team: user.team,
    idleExpiresAt: new Date(now.getTime() + sessionTimes.idleMs),
  };
}

/** Uses up a recovery code (only when `use`): true when it was unused and is now used. */
async function useRecoveryCode(db: Db, userId: string, code: string, use: boolean, now: Date): Promise<boolean> {
  const codeHash = hashRecoveryCode(code);
  const match = and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt));
  if (!use) {
    await db.select({ id: recoveryCodes.id }).from(recoveryCodes).where(match);
    return false;
  }
  // One conditional update: two parallel sign-ins cannot both use the same code.
  const used = await db.update(recoveryCodes).set({ usedAt: now }).where(match).returning({ id: recoveryCodes.id });
  return used.length > 0;
}

/**
 * Accepts a TOTP code once only (only when `use`): its time step must be
 * later than the last one accepted, and recording it is one conditional
 * update, so a code seen over a shoulder or replayed in parallel fails.
 */
async function useTotp(db: Db, user: typeof staffUsers.$inferSelect | undefined, code: string, use: boolean, now: Date, totpKey: KeyObject): Promise<boolean> {
  const secret = user ? openTotpSecret(user.totpSecret, user.id, totpKey) : undefined;
  const step = secret ? matchTotp(secret, code, now) : undefined;
  if (!use || !user || step === undefined) return false;
  const accepted = await db
    .update(staffUsers)
    .set({ totpLastStep: step })
    .where(and(eq(staffUsers.id, user.id), or(isNull(staffUsers.totpLastStep), lt(staffUsers.totpLastStep, step))))
    .returning({ id: staffUsers.id });
  return accepted.length > 0;
}
