import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify, type Options } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as fi from '@zxcvbn-ts/language-fi';

/** Password length limits: at least 12 characters (NIST SP 800-63B allows long passphrases). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// Argon2id, 64 MiB, 2 passes, 1 lane: stronger than OWASP's minimum (19 MiB, 2 passes).
// 2 is Algorithm.Argon2id; the enum is `const` in the .d.ts, which type stripping cannot inline.
const argon2Options: Options = { algorithm: 2, memoryCost: 65_536, timeCost: 2, parallelism: 1 };

// NFKC: the same password typed on two devices (composed or decomposed ä) hashes the same (NIST SP 800-63B 5.1.1.2).
const normalise = (password: string) => password.normalize('NFKC');

/** An argon2id hash (PHC string) of a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(normalise(password), argon2Options);
}

/** True when the password matches the hash. */
export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, normalise(password)).catch(() => false);
}

/** True when a hash was made with weaker settings than today's, so it is redone at the next sign-in. */
export function needsRehash(passwordHash: string): boolean {
  try {
    const o = parseOptions(passwordHash);
    return o.algorithm !== argon2Options.algorithm || o.memoryCost < argon2Options.memoryCost! || o.timeCost < argon2Options.timeCost!;
  } catch {
    return true;
  }
}

let dummy: Promise<string> | undefined;
/**
 * A hash of a random password made with the same settings, computed once per
 * process: checking a password against it for an unknown account costs the
 * same time as for a real one, so the answer's timing does not tell whether
 * the account exists.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString('base64url'));
  return dummy;
}

// The common passwords and keyboard patterns, English and Finnish words and names.
// Levenshtein matching is left off: it makes one check take up to a second.
let estimator: ZxcvbnFactory | undefined;
const strength = () =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...fi.dictionary },
    graphs: common.adjacencyGraphs,
  }));

/** Why a new password is refused. */
export type PasswordProblem = 'too_short' | 'too_long' | 'weak';

/** The parts of an email address a person might build a password from. */
export function emailParts(email: string): string[] {
  const address = email.trim().toLowerCase();
  const [local = '', domain = ''] = address.split('@');
  const parts = [address, local, domain, ...local.split(/[._+-]+/), ...domain.split('.')].filter((p) => p.length >= 3);
  return [...new Set(parts)];
}

/**
 * Checks a new password, NFKC-normalised as hashPassword hashes it: 12 to
 * 256 characters and a zxcvbn score of at least 3 (hard to guess even offline), with the user's own email address
 * counted as guessable. Returns the problem, with zxcvbn's warning key when
 * it has one, or undefined when the password is good.
 */
export function passwordProblem(password: string, email: string): { problem: PasswordProblem; warning?: string } | undefined {
  // Judged as it is hashed: fullwidth or ligature letters are the plain ones after NFKC, and as guessable.
  const normalised = normalise(password);
  const length = [...normalised].length;
  if (length < PASSWORD_MIN_LENGTH) return { problem: 'too_short' };
  if (length > PASSWORD_MAX_LENGTH) return { problem: 'too_long' };
  const result = strength().check(normalised, emailParts(email));
  if (result.score >= 3) return undefined;
  return result.feedback.warning ? { problem: 'weak', warning: result.feedback.warning } : { problem: 'weak' };
}
