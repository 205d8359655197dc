import { randomInt } from 'node:crypto';

/**
 * Case references: what a parent or young person reads aloud on the phone or
 * types in to say which request they mean, e.g. "KT7M-3XQP".
 *
 * Eight characters from a 30-character alphabet: A-Z and 2-9 without 0/O and
 * 1/I/L (read alike on paper and in many fonts) and without U (confused with
 * V in handwriting). 30^8 is about 6.6 × 10^11 (39 bits): collisions are rare,
 * and the unique column catches the rare one. A reference names a case; it is
 * not a password and must never by itself give access to a case.
 */

/** The characters a reference is made of, in order. */
export const referenceAlphabet = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

/** How many characters a reference has. */
export const referenceLength = 8;

const referencePattern = new RegExp(`^[${referenceAlphabet}]{${referenceLength}}$`);

/**
 * A new random reference. Every character is drawn with `crypto.randomInt`,
 * which is uniform (rejection sampling), unlike `randomBytes() % 30`.
 */
export function newReference(): string {
  let reference = '';
  for (let i = 0; i < referenceLength; i++) reference += referenceAlphabet[randomInt(referenceAlphabet.length)];
  return reference;
}

/** Whether `s` is a reference in canonical form (8 alphabet characters, upper case, no separator). */
export function isReference(s: unknown): s is string {
  return typeof s === 'string' && referencePattern.test(s);
}

/**
 * The canonical reference for what someone typed, or `undefined` when it
 * cannot be one. Forgiving where that is safe:
 * - Unicode compatibility forms are folded (NFKC: full-width "ＡＢ" from a phone keyboard);
 * - letters are made upper case;
 * - white space and dashes of any kind (hyphen, en dash, minus sign) are removed;
 * - "U" becomes "V": U is not in the alphabet and V is its only look-alike there.
 *
 * 0/O and 1/I/L are NOT mapped: the alphabet keeps none of them, so there is
 * no canonical character to map them to; a reference containing one is
 * refused rather than guessed.
 */
export function normalizeReference(input: string): string | undefined {
  const folded = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\p{Pd}\u2212]+/gu, '')
    .replaceAll('U', 'V');
  return isReference(folded) ? folded : undefined;
}

/** A reference as shown to people: two groups of four, "ABCD-EFGH". Throws for a non-reference. */
export function formatReference(ref: string): string {
  if (!isReference(ref)) throw new TypeError('not a case reference in canonical form');
  return `${ref.slice(0, 4)}-${ref.slice(4)}`;
}
