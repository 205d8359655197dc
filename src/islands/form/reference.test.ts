import { describe, expect, it } from 'vitest';
import { formatReference, spellReference } from './reference.ts';

describe('formatReference', () => {
  it('splits eight characters into two groups of four', () => {
    expect(formatReference('ABCDEFGH')).toBe('ABCD-EFGH');
    expect(formatReference(' abcd2345 ')).toBe('ABCD-2345');
  });

  it('leaves a short reference alone', () => {
    expect(formatReference('ABC')).toBe('ABC');
  });
});

describe('spellReference', () => {
  it('spells each character with a pause between the groups', () => {
    expect(spellReference('ABCDEFGH')).toBe('A B C D, E F G H');
  });
});
