import { createHash, createSecretKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkProof, issueChallenge } from '../../server/forms/challenge.ts';
import { solve } from '../../src/islands/form/proof-worker.ts';

describe('the proof-of-work worker', () => {
  it('finds a solution the server accepts, and the first such one', () => {
    const key = createSecretKey(Buffer.alloc(32, 1));
    const now = new Date();
    for (const bits of [1, 8, 12]) {
      const challenge = issueChallenge(key, 'concern', bits, now);
      const n = solve(challenge);
      expect(checkProof(key, `${challenge}:${n}`, 'concern', now)).toMatchObject({ ok: true, bits });
      // No smaller counter would have done by Node's SHA-256: the worker's agrees on every try.
      for (let m = 0; m < n; m++) expect(checkProof(key, `${challenge}:${m}`, 'concern', now)).toEqual({ ok: false, problem: 'unsolved' });
    }
    for (const text of ['', 'a', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'x'.repeat(119), 'c1.contact.1.16.abc.def:123']) {
      // Inputs of every padding case (one block, two, the length field split off).
      const challenge = `p.q.r.8.${text}`;
      expect(createHash('sha256').update(`${challenge}:${solve(challenge)}`).digest()[0]).toBe(0);
    }
  });

  it('reports progress every 16,384 tries', () => {
    const key = createSecretKey(Buffer.alloc(32, 2));
    const seen: number[] = [];
    const n = solve(issueChallenge(key, 'contact', 16, new Date()), (tried) => seen.push(tried));
    expect(seen).toEqual(Array.from({ length: Math.floor((n + 1) / 16_384) }, (_, i) => (i + 1) * 16_384));
  });
});
