import { createHash } from 'node:crypto';
import { challengeBits, hasLeadingZeroBits, proofInput } from '../../src/shared/flood/proof.ts';

/** Solves a flood challenge the way the browser's worker does, in Node: the `Proof-Of-Work` header's value. */
export function solveChallenge(challenge: string): string {
  const bits = challengeBits(challenge);
  for (let n = 0; ; n++) {
    if (hasLeadingZeroBits(createHash('sha256').update(proofInput(challenge, String(n))).digest(), bits)) return `${challenge}:${n}`;
  }
}
