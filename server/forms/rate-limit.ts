import { createHmac, type KeyObject } from 'node:crypto';

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

/** Why a submission was refused, and when to try again. */
export interface RateRefusal {
  scope: 'client' | 'site';
  retryAfterSeconds: number;
}

/** A keyed hash of the client's address: the IP itself is never stored. */
export function clientHash(address: string, key: KeyObject): string {
  return createHmac('sha256', key).update(address).digest('base64url');
}

/** The start of the clock hour the site-wide counter counts in. */
export const hourStart = (now: Date): Date => new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);

