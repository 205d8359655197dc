import { createHmac, type KeyObject } from 'node:crypto';
import { and, count, eq, gt, max, min, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../audit/append.ts';
import type { Db } from '../db/client.ts';
import { loginAttempts } from '../db/schema/staff.ts';

/**
 * The sign-in throttle's limits. Failures are counted per (account, client
 * address) pair, per client address and per account:
 * - a pair gets `pairFree` failures, then must wait before each further try,
 *   the wait doubling from `pairDelayMs` up to `pairMaxDelayMs`;
 * - a client address that failed `perClient` times (whichever accounts it
 *   tried) is refused until its oldest failure leaves `windowMs`;
 * - an account that failed `accountCeiling` times from anywhere is slowed:
 *   clients that have failed in the window are refused, and a client that has
 *   not failed is answered only after `ceilingDelayMs`, never refused.
 * So nobody can lock the owner out: their own address, clean, always gets
 * its password and code checked.
 */
export interface SignInLimits {
  pairFree: number;
  pairDelayMs: number;
  pairMaxDelayMs: number;
  /** The pair's failures count for this long (or since the pair's last success). */
  pairWindowMs: number;
  perClient: number;
  accountCeiling: number;
  ceilingDelayMs: number;
  /** The per-client and per-account counts' window. */
  windowMs: number;
}

/**
 * 5 free failures per (account, client), then waits of 1 s, 2 s, 4 s ... up
 * to 15 minutes (a guess from one address is then worth about 18 an hour);
 * 20 failures per client address in 15 minutes, so one office behind a
 * shared address is not stopped by a colleague's typos; and 100 per account
 * in 15 minutes, well above what one person mistyping (or an office of them)
 * reaches.
 */
export const signInLimits: SignInLimits = {
  pairFree: 5,
  pairDelayMs: 1_000,
  pairMaxDelayMs: 15 * 60_000,
  pairWindowMs: 60 * 60_000,
  perClient: 20,
  accountCeiling: 100,
  ceilingDelayMs: 2_000,
  windowMs: 15 * 60_000,
};

/** A keyed hash of an email address: login_attempts never holds the address itself. */
export function accountHash(email: string, key: KeyObject): string {
  return createHmac('sha256', key).update(`staff-account:${email.trim().toLowerCase()}`).digest('base64url');
}

/** The keyed hashes an attempt is counted under. */
export interface AttemptKeys {
  account: string;
  client: string;
}

/** Failures counted when an attempt began (for the log; never an address or an email). */
export interface FailureCounts {
  account: number;
  client: number;
  pair: number;
}

/** An attempt that may go on (after `waitMs`), or one refused for `retryAfterSeconds`. */
export type AttemptStart =
  | { attemptId: string; waitMs: number; failures: FailureCounts; retryAfterSeconds?: undefined }
  | { attemptId?: undefined; retryAfterSeconds: number; failures: FailureCounts };

// Advisory lock classes (pg_advisory_xact_lock(int, int)): accounts and clients never share a lock.
const ACCOUNT_LOCK = 7_245_911;
const CLIENT_LOCK = 7_245_912;

const seconds = (until: number, now: Date) => Math.max(1, Math.ceil((until - now.getTime()) / 1000));

/** How long a pair must wait after its last failure, having failed `n` times. */
export function pairDelayMs(n: number, limits: SignInLimits): number {
  if (n < limits.pairFree) return 0;
  return Math.min(limits.pairDelayMs * 2 ** Math.min(n - limits.pairFree, 30), limits.pairMaxDelayMs);
}

/**
 * Checks the limits and records the attempt, before any password is looked
 * at. Throttled attempts do not count, so retrying during a wait does not
 * extend it; the owner's success starts the account's count afresh, and a
 * pair's success that pair's (not the other pairs': an attacker's address
 * gains nothing when the owner signs in elsewhere). The attempt is recorded as failed until markSignInSucceeded: a
 * crash half-way counts against the attacker, never for them.
 * Transaction-scoped locks on both hashes make parallel attempts count one
 * after another.
 */
export async function beginSignInAttempt(db: Db, keys: AttemptKeys, now: Date, limits: SignInLimits = signInLimits): Promise<AttemptStart> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ACCOUNT_LOCK}, hashtext(${keys.account}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(${CLIENT_LOCK}, hashtext(${keys.client}))`);
    const byAccount = eq(loginAttempts.accountHash, keys.account);
    const byPair = and(byAccount, eq(loginAttempts.clientHash, keys.client))!;
    const after = async (whose: SQL, windowMs: number) => {
      const [last] = await tx
        .select({ at: max(loginAttempts.at) })
        .from(loginAttempts)
        .where(and(whose, eq(loginAttempts.success, true)));
      const start = new Date(now.getTime() - windowMs);
      return last?.at && last.at > start ? last.at : start;
    };
    const failures = async (whose: SQL, from: Date) => {
      const [row] = await tx
        .select({ n: count(), oldest: min(loginAttempts.at), newest: max(loginAttempts.at) })
        .from(loginAttempts)
        .where(and(whose, eq(loginAttempts.success, false), eq(loginAttempts.throttled, false), gt(loginAttempts.at, from)));
      return { n: Number(row?.n ?? 0), oldest: row?.oldest ?? now, newest: row?.newest ?? now };
    };
    const account = await failures(byAccount, await after(byAccount, limits.windowMs));
    const client = await failures(eq(loginAttempts.clientHash, keys.client), new Date(now.getTime() - limits.windowMs));
    const pair = await failures(byPair, await after(byPair, limits.pairWindowMs));
    const counts: FailureCounts = { account: account.n, client: client.n, pair: pair.n };

    let refusedUntil: number | undefined;
    const pairReady = pair.newest.getTime() + pairDelayMs(pair.n, limits);
    if (client.n >= limits.perClient) refusedUntil = client.oldest.getTime() + limits.windowMs;
    else if (account.n >= limits.accountCeiling && client.n > 0) refusedUntil = account.oldest.getTime() + limits.windowMs;
    else if (pair.n >= limits.pairFree && pairReady > now.getTime()) refusedUntil = pairReady;

    const [row] = await tx
      .insert(loginAttempts)
      .values({ at: now, accountHash: keys.account, clientHash: keys.client, success: false, throttled: refusedUntil !== undefined })
      .returning({ id: loginAttempts.id });
    if (refusedUntil !== undefined) return { retryAfterSeconds: seconds(refusedUntil, now), failures: counts };
    return { attemptId: row!.id, waitMs: account.n >= limits.accountCeiling ? limits.ceilingDelayMs : 0, failures: counts };
  });
}

/** Records that an attempt begun by beginSignInAttempt succeeded. */
export async function markSignInSucceeded(db: Db, attemptId: string): Promise<void> {
  await db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attemptId));
}

/**
 * Lifts every throttle on an account (an admin's unlock): its failures (and
 * its throttled attempts) are deleted, from every client. Returns how many
 * failures there were.
 */
export async function clearSignInFailures(db: Db | Tx, account: string): Promise<number> {
  const deleted = await db
    .delete(loginAttempts)
    .where(and(eq(loginAttempts.accountHash, account), eq(loginAttempts.success, false)))
    .returning({ throttled: loginAttempts.throttled });
  return deleted.filter((d) => !d.throttled).length;
}
