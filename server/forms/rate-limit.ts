import { createHmac, randomInt } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rateCounters, rateEvents } from '../db/schema/cases.ts';

/** The limits on accepted submissions. */
export interface RateLimits {
  /** Accepted submissions one client may make in `clientWindowMs`. */
  perClient: number;
  clientWindowMs: number;
  /** Accepted submissions the whole site takes in one clock hour. */
  sitePerHour: number;
}

/** Shards of the site-wide counter: concurrent submissions update different rows. */
export const SITE_COUNTER_SHARDS = 16;

/** A transaction or the database: both run queries. */
type Tx = Pick<Db, 'select' | 'insert' | 'execute'>;

/** Why a submission was refused, and when to try again. */
export interface RateRefusal {
  scope: 'client' | 'site';
  retryAfterSeconds: number;
}

/** A keyed hash of the client's address: the IP itself is never stored. */
export function clientHash(address: string, key: Buffer): string {
  return createHmac('sha256', key).update(address).digest('base64url');
}

const hourStart = (now: Date) => new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);

/**
 * Checks both limits inside the submission's transaction. The per-client
 * check takes a transaction-scoped advisory lock on the client's hash, so
 * parallel submissions of one client are counted one after another, while
 * different clients never wait for each other.
 */
export async function checkRateLimits(tx: Tx, client: string, limits: RateLimits, now: Date): Promise<RateRefusal | undefined> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${client}, 0))`);
  const windowStart = new Date(now.getTime() - limits.clientWindowMs);
  const recent = await tx
    .select({ at: rateEvents.at })
    .from(rateEvents)
    .where(and(eq(rateEvents.clientHash, client), gt(rateEvents.at, windowStart)))
    .orderBy(rateEvents.at)
    .limit(limits.perClient);
  if (recent.length >= limits.perClient) {
    const oldest = recent[0]!.at.getTime();
    return { scope: 'client', retryAfterSeconds: Math.max(1, Math.ceil((oldest + limits.clientWindowMs - now.getTime()) / 1000)) };
  }
  const hour = hourStart(now);
  const [site] = await tx
    .select({ total: sql<number>`coalesce(sum(${rateCounters.count}), 0)::int` })
    .from(rateCounters)
    .where(eq(rateCounters.window, hour));
  if ((site?.total ?? 0) >= limits.sitePerHour) {
    return { scope: 'site', retryAfterSeconds: Math.max(1, Math.ceil((hour.getTime() + 3_600_000 - now.getTime()) / 1000)) };
  }
  return undefined;
}

/** Counts one accepted submission for the client and for the site (a random shard of the hour). */
export async function recordAccepted(tx: Tx, client: string, now: Date): Promise<void> {
  await tx.insert(rateEvents).values({ clientHash: client, at: now });
  await tx
    .insert(rateCounters)
    .values({ window: hourStart(now), shard: randomInt(SITE_COUNTER_SHARDS), count: 1 })
    .onConflictDoUpdate({ target: [rateCounters.window, rateCounters.shard], set: { count: sql`${rateCounters.count} + 1` } });
}
