import { createHmac, type KeyObject } from 'node:crypto';
import { and, asc, eq, gt, max, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { loginAttempts } from '../db/schema/staff.ts';

/** How many failed sign-ins are allowed in a window, per account and per client address. */
export interface SignInLimits {
  perAccount: number;
  perClient: number;
  windowMs: number;
}

/**
 * 5 failures per account in 15 minutes (a guess at a password is then one
 * in three minutes); 20 per client address, so one office behind a shared
 * address is not locked out by a colleague's typos.
 */
export const signInLimits: SignInLimits = { perAccount: 5, perClient: 20, windowMs: 15 * 60_000 };

/** A keyed hash of an email address: login_attempts never holds the address itself. */
export function accountHash(email: string, key: KeyObject): string {
  return createHmac('sha256', key).update(`staff-account:${email.trim().toLowerCase()}`).digest('base64url');
}

/** The keyed hashes an attempt is counted under. */
export interface AttemptKeys {
  account: string;
  client: string;
}

// Advisory lock classes (pg_advisory_xact_lock(int, int)): accounts and clients never share a lock.
const ACCOUNT_LOCK = 7_245_911;
const CLIENT_LOCK = 7_245_912;

const retryAfter = (oldest: Date, windowMs: number, now: Date) =>
  Math.max(1, Math.ceil((oldest.getTime() + windowMs - now.getTime()) / 1000));

/**
 * Checks the limits and records the attempt, before any password is looked
 * at. Failures count from the account's last success (a person who got in
 * starts afresh) and only within the window; throttled attempts do not
 * count, so retrying during a lockout does not extend it. The attempt is
 * recorded as failed until markSignInSucceeded: a crash half-way counts
 * against the attacker, never for them. Transaction-scoped locks on both
 * hashes make parallel attempts count one after another.
 */
export async function beginSignInAttempt(
  db: Db,
  keys: AttemptKeys,
  now: Date,
  limits: SignInLimits = signInLimits,
): Promise<{ attemptId: string; retryAfterSeconds?: undefined } | { attemptId?: undefined; retryAfterSeconds: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ACCOUNT_LOCK}, hashtext(${keys.account}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(${CLIENT_LOCK}, hashtext(${keys.client}))`);
    const windowStart = new Date(now.getTime() - limits.windowMs);
    const [last] = await tx
      .select({ at: max(loginAttempts.at) })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.accountHash, keys.account), eq(loginAttempts.success, true)));
    const since = last?.at && last.at > windowStart ? last.at : windowStart;
    const failures = (whose: SQL, from: Date, limit: number) =>
      tx
        .select({ at: loginAttempts.at })
        .from(loginAttempts)
        .where(and(whose, eq(loginAttempts.success, false), eq(loginAttempts.throttled, false), gt(loginAttempts.at, from)))
        .orderBy(asc(loginAttempts.at))
        .limit(limit);
    const byAccount = await failures(eq(loginAttempts.accountHash, keys.account), since, limits.perAccount);
    const byClient = byAccount.length >= limits.perAccount ? [] : await failures(eq(loginAttempts.clientHash, keys.client), windowStart, limits.perClient);
    const refused = byAccount.length >= limits.perAccount ? byAccount : byClient.length >= limits.perClient ? byClient : undefined;
    const [row] = await tx
      .insert(loginAttempts)
      .values({ at: now, accountHash: keys.account, clientHash: keys.client, success: false, throttled: refused !== undefined })
      .returning({ id: loginAttempts.id });
    if (refused) return { retryAfterSeconds: retryAfter(refused[0]!.at, limits.windowMs, now) };
    return { attemptId: row!.id };
  });
}

/** Records that an attempt begun by beginSignInAttempt succeeded. */
export async function markSignInSucceeded(db: Db, attemptId: string): Promise<void> {
  await db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attemptId));
}
