import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';
import { and, eq, isNotNull, not, like } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { staffUsers } from '../db/schema/staff.ts';

// The stored form: `v1.<nonce>.<ciphertext and tag>`, base64url. A base32 secret has no dot, so the two never mix.
const PREFIX = 'v1.';

/** True when a stored TOTP secret is sealed (not the plain base32 of before STAFF_SECRET_KEY). */
export const isSealedTotpSecret = (stored: string): boolean => stored.startsWith(PREFIX);

// The user's id as additional data: a sealed secret copied to another account does not open.
const aad = (userId: string) => Buffer.from(`totp:${userId}`, 'utf8');

/** Seals a TOTP secret for one user with AES-256-GCM under the staff secret key. */
export function sealTotpSecret(secret: string, userId: string, key: KeyObject): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(aad(userId));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}${nonce.toString('base64url')}.${body.toString('base64url')}`;
}

/**
 * The TOTP secret a stored value seals, or undefined when it is not a sealed
 * secret of this user under this key (a plain secret is never used: the
 * start-up step seals them all first).
 */
export function openTotpSecret(stored: string | null | undefined, userId: string, key: KeyObject): string | undefined {
  if (!stored || !isSealedTotpSecret(stored)) return undefined;
  const [nonce, body] = stored.slice(PREFIX.length).split('.');
  if (!nonce || !body) return undefined;
  try {
    const bytes = Buffer.from(body, 'base64url');
    if (bytes.length < 17) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url')).setAAD(aad(userId));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * Seals every TOTP secret still stored in plain text: the migration step a
 * staff host runs at start once it has STAFF_SECRET_KEY. Each row is
 * rewritten only if it still holds the plain secret read, so two hosts
 * starting together seal each secret once. Returns how many it sealed.
 */
export async function sealStoredTotpSecrets(db: Db, key: KeyObject): Promise<number> {
  const plain = await db
    .select({ id: staffUsers.id, secret: staffUsers.totpSecret })
    .from(staffUsers)
    .where(and(isNotNull(staffUsers.totpSecret), not(like(staffUsers.totpSecret, `${PREFIX}%`))));
  let sealed = 0;
  for (const { id, secret } of plain) {
    const done = await db
      .update(staffUsers)
      .set({ totpSecret: sealTotpSecret(secret!, id, key) })
      .where(and(eq(staffUsers.id, id), eq(staffUsers.totpSecret, secret!)))
      .returning({ id: staffUsers.id });
    sealed += done.length;
  }
  return sealed;
}
