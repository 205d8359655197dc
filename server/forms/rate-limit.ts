import { createHmac, type KeyObject } from 'node:crypto';

/** The limits on accepted submissions, and flood mode's settings. */
export interface RateLimits {
  /** Accepted submissions one network (an IPv4 address, an IPv6 /64) may make in `windowMs`. */
  perNetwork: number;
  /** Accepted submissions one wide network (an IPv4 /24, an IPv6 /48) may make in `windowMs`. */
  perWideNetwork: number;
  windowMs: number;
  /** Spam stored per clock hour; past it spam is answered alike but not stored. */
  spamPerHour: number;
  /** Accepted submissions in one minute that put the site into flood mode. */
  floodThresholdPerMinute: number;
  /** Flood mode lasts while any of the last this many minutes reached the threshold. */
  floodHoldMinutes: number;
  /** The proof of work's difficulty at the threshold (leading zero bits). */
  proofBits: number;
}

/** Why a submission was refused, and when to try again. */
export interface RateRefusal {
  scope: 'network' | 'wide';
  retryAfterSeconds: number;
}

/** A keyed hash of a client's address or network: the IP itself is never stored. */
export function clientHash(address: string, key: KeyObject): string {
  return createHmac('sha256', key).update(address).digest('base64url');
}

const MINUTE_MS = 60_000;

/** The start of the minute `at` falls in: rate events are stored by the minute. */
export const minuteStart = (at: Date): Date => new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);

/**
 * The oldest minute a rate window at `now` still counts: an event stored as
 * minute M counts while M >= minuteStart(now - window), so it is counted for
 * the whole window and at most a minute more, and deleted after.
 */
export const rateWindowStart = (now: Date, windowMs: number): Date => minuteStart(new Date(now.getTime() - windowMs));

// submit_case (migration 0005) works out the same window, the flood hold and
// the Retry-After itself, from the owner's settings.
