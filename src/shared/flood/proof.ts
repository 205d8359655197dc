/**
 * The proof of work the forms ask for in flood mode, shared by the server
 * (which checks one hash) and the browser's worker (which searches): a
 * solution is a decimal counter such that SHA-256 of `challenge:solution` has
 * at least `bits` leading zero bits. Each extra bit doubles the searcher's
 * expected work (2^bits hashes) and leaves the checker's at one hash.
 */

/** The header a form's POST carries its proof in: `challenge:solution`. */
export const proofHeader = 'Proof-Of-Work';

/** The text hashed for a candidate solution. */
export const proofInput = (challenge: string, solution: string): string => `${challenge}:${solution}`;

/** Whether a digest starts with at least `bits` zero bits. */
export function hasLeadingZeroBits(digest: Uint8Array, bits: number): boolean {
  let i = 0;
  let left = bits;
  while (left >= 8) {
    if (digest[i++] !== 0) return false;
    left -= 8;
  }
  return left === 0 || (digest[i]! >> (8 - left)) === 0;
}

/** The difficulty a challenge states: its fourth dot-separated part (see server/forms/challenge.ts). */
export function challengeBits(challenge: string): number {
  return Number(challenge.split('.')[3] ?? NaN);
}
