import { createHash, createHmac, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { hasLeadingZeroBits, proofInput } from '../../src/shared/flood/proof.ts';

/** How long a challenge may be solved and used: long enough for a slow phone and a person who hesitates. */
export const CHALLENGE_TTL_MS = 10 * 60_000;

const VERSION = 'c1';

/** A checked proof: the challenge's id (recorded so it is used once), its expiry and its difficulty. */
export type ProofCheck =
  | { ok: true; id: string; expiresAt: Date; bits: number }
  | { ok: false; problem: 'malformed' | 'forged' | 'expired' | 'wrong_form' | 'unsolved' };

const mac = (key: KeyObject, body: string) => createHmac('sha256', key).update(body).digest().subarray(0, 16);

/**
 * A challenge for one form kind: `c1.<kind>.<issued, unix seconds>.<bits>.<nonce>.<mac>`,
 * the MAC an HMAC-SHA-256 with CHALLENGE_KEY over the rest, so any instance
 * can check it without storing anything until it is used.
 */
export function issueChallenge(key: KeyObject, kind: string, bits: number, now: Date): string {
  const body = `${VERSION}.${kind}.${Math.floor(now.getTime() / 1000)}.${bits}.${randomBytes(12).toString('base64url')}`;
  return `${body}.${mac(key, body).toString('base64url')}`;
}

/**
 * Checks a `challenge:solution` proof for a form kind at `now`: the MAC, the
 * kind, the time window and one SHA-256 of the solution. Whether it was used
 * before is for the database to say (submit_case records the id).
 */
export function checkProof(key: KeyObject, proof: string, kind: string, now: Date): ProofCheck {
  const at = proof.lastIndexOf(':');
  const challenge = proof.slice(0, at);
  const solution = proof.slice(at + 1);
  const parts = challenge.split('.');
  if (at < 0 || parts.length !== 6 || parts[0] !== VERSION || !/^\d{1,16}$/.test(solution)) return { ok: false, problem: 'malformed' };
  const [, challengeKind, issued, bitsText, , tag] = parts as [string, string, string, string, string, string];
  const expected = mac(key, parts.slice(0, 5).join('.'));
  const given = Buffer.from(tag, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, problem: 'forged' };
  if (challengeKind !== kind) return { ok: false, problem: 'wrong_form' };
  const issuedMs = Number(issued) * 1000;
  // A minute of clock difference between instances is allowed on the early side.
  if (!(issuedMs - 60_000 <= now.getTime() && now.getTime() < issuedMs + CHALLENGE_TTL_MS)) return { ok: false, problem: 'expired' };
  const bits = Number(bitsText);
  const digest = createHash('sha256').update(proofInput(challenge, solution)).digest();
  if (!hasLeadingZeroBits(digest, bits)) return { ok: false, problem: 'unsolved' };
  return { ok: true, id: createHash('sha256').update(challenge).digest('base64url'), expiresAt: new Date(issuedMs + CHALLENGE_TTL_MS), bits };
}

/**
 * The difficulty for the flood's size: the base bits at the threshold, one
 * more bit (twice the work) each time the busiest recent minute doubles,
 * at most eight more.
 */
export function proofBits(baseBits: number, peakPerMinute: number, threshold: number): number {
  const doublings = Math.floor(Math.log2(Math.max(1, peakPerMinute / threshold)));
  return baseBits + Math.min(8, doublings);
}
