import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import { developmentKey } from '../crypto/development-key.ts';

/** The development staff secret key's file name inside the data directory. */
export const developmentStaffKeyFile = 'staff-secret.key';

/** The staff secret key is missing; the message says what to set. */
export class StaffSecretKeyError extends Error {
  override name = 'StaffSecretKeyError';
}

/**
 * The key that seals staff TOTP secrets at rest (AES-256-GCM): derived with
 * HKDF-SHA256 from STAFF_SECRET_KEY (32+ characters, the same on every staff
 * host, kept outside the database). Without it (development) a key in
 * `<dataDir>/staff-secret.key`, like the development audit key; production
 * refuses to start without the variable (server/env.ts). Public hosts never
 * load it.
 */
export function resolveStaffSecretKey(config: { nodeEnv: 'development' | 'production' | 'test'; key?: string | undefined; dataDir: string; warn: (message: string) => void }): KeyObject {
  let text = config.key;
  if (!text) {
    if (config.nodeEnv === 'production') throw new StaffSecretKeyError('STAFF_SECRET_KEY is not set; production never generates one');
    text = developmentKey({ dataDir: config.dataDir, file: developmentStaffKeyFile, variable: 'STAFF_SECRET_KEY', warn: config.warn })!;
  }
  return staffSecretKeyFrom(text);
}

/** The AES-256 key derived from the configured text. */
export function staffSecretKeyFrom(text: string): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', Buffer.from(text, 'utf8'), Buffer.alloc(0), 'anchor-portal/staff-secrets/v1', 32)));
}
