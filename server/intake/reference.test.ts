import { describe, expect, it } from 'vitest';
import { formatReference, isReference, newReference, normalizeReference, referenceAlphabet } from './reference.ts';

describe('reference alphabet', () => {
  it('has 30 distinct characters and none of the look-alikes', () => {
    expect(new Set(referenceAlphabet).size).toBe(30);
    for (const c of ['0', 'O', '1', 'I', 'L', 'U']) expect(referenceAlphabet).not.toContain(c);
  });
});

describe('newReference', () => {
  it('makes 8-character references from the alphabet', () => {
    for (let i = 0; i < 200; i++) {
      const ref = newReference();
      expect(ref).toMatch(/^[ABCDEFGHJKMNPQRSTVWXYZ2-9]{8}$/);
      expect(isReference(ref)).toBe(true);
    }
  });

  it('uses every character about equally often, at every position', () => {
    const n = 6000;
    const total = new Map<string, number>();
    const perPosition = Array.from({ length: 8 }, () => new Map<string, number>());
    for (let i = 0; i < n; i++) {
      const ref = newReference();
      [...ref].forEach((c, p) => {
        total.set(c, (total.get(c) ?? 0) + 1);
        perPosition[p]!.set(c, (perPosition[p]!.get(c) ?? 0) + 1);
      });
    }
    expect([...total.keys()].sort().join('')).toBe([...referenceAlphabet].sort().join(''));
    for (const counts of perPosition) expect(counts.size).toBe(30);
    // Chi-square over 48,000 characters, 29 degrees of freedom: 80 is exceeded by
    // chance about once in a million runs; a modulo-biased draw of 256 % 30 would
    // push a few characters 12% high and exceed it every time.
    const expected = (n * 8) / 30;
    const chiSquare = [...total.values()].reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(80);
  });

  it('does not repeat in 2,000 draws', () => {
    // By chance a repeat among 2,000 of 30^8 happens about 3 times in a million runs.
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) seen.add(newReference());
    expect(seen.size).toBe(2_000);
  });
});

describe('isReference', () => {
  it.each([
    ['ABCD2345', true],
    ['ZZZZ9999', true],
    ['abcd2345', false],
    ['ABCD-2345', false],
    ['ABCD234', false],
    ['ABCD23456', false],
    ['ABCD0345', false],
    ['ABCDO345', false],
    ['ABCDI345', false],
    ['ABCDL345', false],
    ['ABCDU345', false],
    ['', false],
    [12345678, false],
    [undefined, false],
  ])('%s → %s', (input, expected) => {
    expect(isReference(input)).toBe(expected);
  });
});

describe('normalizeReference', () => {
  it.each([
    ['ABCD2345', 'ABCD2345'],
    ['abcd-2345', 'ABCD2345'],
    ['  abcd 2345 ', 'ABCD2345'],
    ['AB CD-23 45', 'ABCD2345'],
    ['ABCD–2345', 'ABCD2345'], // en dash
    ['ABCD—2345', 'ABCD2345'], // em dash
    ['ABCD−2345', 'ABCD2345'], // minus sign
    ['ABCD\u00a02345', 'ABCD2345'], // no-break space
    ['ＡＢＣＤ２３４５', 'ABCD2345'], // full-width phone keyboard
    ['uvwx2345', 'VVWX2345'], // U has only one look-alike in the alphabet
  ])('%j → %s', (input, expected) => {
    expect(normalizeReference(input)).toBe(expected);
  });

  it.each([
    ['ABCD0345', 'zero'],
    ['ABCDO345', 'letter O'],
    ['ABCD1345', 'one'],
    ['ABCDI345', 'letter I'],
    ['ABCDL345', 'letter L'],
    ['ABCD234', 'too short'],
    ['ABCD23456', 'too long'],
    ['ABCD_2345', 'underscore'],
    ['ABCD.2345', 'dot'],
    ['ÄBCD2345', 'letter outside the alphabet'],
    ['', 'empty'],
  ])('refuses %j (%s)', (input) => {
    expect(normalizeReference(input)).toBeUndefined();
  });

  it('accepts what formatReference shows', () => {
    const ref = newReference();
    expect(normalizeReference(formatReference(ref))).toBe(ref);
  });
});

describe('formatReference', () => {
  it('shows two groups of four', () => {
    expect(formatReference('ABCD2345')).toBe('ABCD-2345');
  });

  it('refuses a non-canonical reference', () => {
    expect(() => formatReference('abcd2345')).toThrow(TypeError);
    expect(() => formatReference('ABCD-2345')).toThrow(TypeError);
  });
});
