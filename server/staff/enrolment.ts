import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { enrolments, recoveryCodes, staffUsers } from '../db/schema/staff.ts';
import { hashPassword, passwordProblem, type PasswordProblem } from './passwords.ts';
import { hashRecoveryCode, newRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes.ts';
import { matchTotp, newTotpSecret, totpQrSvg, totpUri } from './totp.ts';
import { openTotpSecret, sealTotpSecret } from './totp-seal.ts';

/** An enrolment link is valid for 24 hours. */
export const ENROLMENT_TTL_MS = 24 * 3_600_000;

/** What an enrolment link is for: the first enrolment, or a reset that starts it over. */
export type EnrolmentPurpose = 'enrol' | 'reset';

/** A transaction or the database. */
type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

const hashToken = (token: string) => createHash('sha256').update(`enrolment:${token}`).digest('base64url');

/**
 * The link a new person opens. The token is in the fragment, which the
 * browser never sends to a server, so it stays out of access logs and the
 * Referer header; the enrolment page passes it to the API itself.
 */
export const enrolmentLink = (publicOrigin: string, token: string): string => `${publicOrigin}/staff/enrol/#${token}`;

/** Creates a one-time link (a random 256-bit token, stored only as a hash) for a user. */
export async function issueEnrolment(
  tx: Tx,
  userId: string,
  purpose: EnrolmentPurpose,
  options: { now: Date; publicOrigin: string },
): Promise<{ link: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(options.now.getTime() + ENROLMENT_TTL_MS);
  await tx.insert(enrolments).values({ userId, tokenHash: hashToken(token), purpose, expiresAt, createdAt: options.now });
  return { link: enrolmentLink(options.publicOrigin, token), expiresAt };
}

/** Why a link cannot be used: unknown (or its user no longer pending), used already, or expired. */
export type LinkProblem = 'link_invalid' | 'link_used' | 'link_expired';

async function openEnrolment(db: Tx, token: string, now: Date) {
  const [row] = await db
    .select({
      id: enrolments.id,
      usedAt: enrolments.usedAt,
      expiresAt: enrolments.expiresAt,
      userId: staffUsers.id,
      email: staffUsers.email,
      status: staffUsers.status,
      passwordHash: staffUsers.passwordHash,
      totpSecret: staffUsers.totpSecret,
    })
    .from(enrolments)
    .innerJoin(staffUsers, eq(staffUsers.id, enrolments.userId))
    .where(eq(enrolments.tokenHash, hashToken(token)));
  if (!row || row.status === 'deactivated') return { problem: 'link_invalid' as const };
  if (row.usedAt) return { problem: 'link_used' as const };
  if (row.expiresAt.getTime() <= now.getTime()) return { problem: 'link_expired' as const };
  if (row.status !== 'pending') return { problem: 'link_invalid' as const };
  return { enrolment: row };
}

/** The answer to the first enrolment step: the new TOTP secret three ways (QR code, URI, typed). */
export interface EnrolmentStart {
  totpSecret: string;
  otpauthUri: string;
  qrSvg: string;
}

/**
 * Step 1: checks the link and the new password, then stores the password's
 * hash and a new TOTP secret on the user, who stays `pending` (and so cannot
 * sign in) until step 2 proves the authenticator works. Calling it again
 * (a reloaded page) replaces both. The secret is stored sealed under the
 * staff secret key (server/staff/totp-seal.ts).
 */
export async function startEnrolment(
  db: Db,
  input: { token: string; password: string },
  now: Date,
  totpKey: KeyObject,
): Promise<{ problem: LinkProblem } | { problem: PasswordProblem; warning?: string } | { start: EnrolmentStart }> {
  const opened = await openEnrolment(db, input.token, now);
  if (!opened.enrolment) return { problem: opened.problem };
  const { enrolment } = opened;
  const weak = passwordProblem(input.password, enrolment.email);
  if (weak) return weak;
  const totpSecret = newTotpSecret();
  const passwordHash = await hashPassword(input.password);
  await db
    .update(staffUsers)
    .set({ passwordHash, totpSecret: sealTotpSecret(totpSecret, enrolment.userId, totpKey), totpLastStep: null, updatedAt: now })
    .where(and(eq(staffUsers.id, enrolment.userId), eq(staffUsers.status, 'pending')));
  const otpauthUri = totpUri(totpSecret, enrolment.email);
  return { start: { totpSecret, otpauthUri, qrSvg: totpQrSvg(otpauthUri) } };
}

class SecretReplaced extends Error {}

/**
 * Step 2: checks a code from the authenticator, then in one transaction
 * uses up the link (and any other open link of the user), makes the user
 * active, records the code's time step so it cannot sign in again, and
 * replaces the recovery codes with 10 new ones, returned this once only.
 */
export async function finishEnrolment(
  db: Db,
  input: { token: string; code: string },
  now: Date,
  totpKey: KeyObject,
): Promise<{ problem: LinkProblem | 'not_started' | 'code_invalid' } | { userId: string; recoveryCodes: string[] }> {
  const opened = await openEnrolment(db, input.token, now);
  if (!opened.enrolment) return { problem: opened.problem };
  const { enrolment } = opened;
  const secret = openTotpSecret(enrolment.totpSecret, enrolment.userId, totpKey);
  if (!secret || !enrolment.passwordHash) return { problem: 'not_started' };
  const step = matchTotp(secret, input.code.trim(), now);
  if (step === undefined) return { problem: 'code_invalid' };
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  try {
    return await db.transaction(async (tx) => {
      const used = await tx
        .update(enrolments)
        .set({ usedAt: now })
        .where(and(eq(enrolments.id, enrolment.id), isNull(enrolments.usedAt)))
        .returning({ id: enrolments.id });
      // Another request finished with this link in the meantime.
      if (used.length === 0) return { problem: 'link_used' as const };
      await tx.update(enrolments).set({ usedAt: now }).where(and(eq(enrolments.userId, enrolment.userId), isNull(enrolments.usedAt)));
      const activated = await tx
        .update(staffUsers)
        .set({ status: 'active', totpLastStep: step, updatedAt: now })
        // The secret checked must still be the one stored: a parallel start may have replaced it.
        .where(and(eq(staffUsers.id, enrolment.userId), eq(staffUsers.status, 'pending'), eq(staffUsers.totpSecret, enrolment.totpSecret!)))
        .returning({ id: staffUsers.id });
      if (activated.length === 0) throw new SecretReplaced();
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, enrolment.userId));
      await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId: enrolment.userId, codeHash: hashRecoveryCode(code) })));
      return { userId: enrolment.userId, recoveryCodes: codes };
    });
  } catch (error) {
    // The code was made from a secret a repeated step 1 has since replaced: the link stays unused.
    if (error instanceof SecretReplaced) return { problem: 'code_invalid' };
    throw error;
  }
}

