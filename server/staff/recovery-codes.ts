import { createHash, randomInt } from 'node:crypto';

/** How many recovery codes a person receives at enrolment. */
export const RECOVERY_CODE_COUNT = 10;

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand is not misread.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A new recovery code: 16 characters in four groups (80 random bits), e.g.
 * `7KQ2-M9XD-4HTC-PW3A`. With 80 bits a plain SHA-256 is a safe way to store
 * it, like the session ids; a slow hash is needed only for guessable secrets.
 */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** A code as typed, made canonical: case, spaces and hyphens ignored, O read as 0 and I or L as 1. */
export function normaliseRecoveryCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** True when the input has the shape of a recovery code (and not of a TOTP code). */
export const looksLikeRecoveryCode = (input: string): boolean => new RegExp(`^[${alphabet}]{16}$`).test(normaliseRecoveryCode(input));

/** The hash a recovery code is stored and looked up by. */
export function hashRecoveryCode(input: string): string {
  return createHash('sha256').update(`recovery:${normaliseRecoveryCode(input)}`).digest('base64url');
}
