import { join } from 'node:path';
import { developmentKey } from '../crypto/development-key.ts';

/** The development audit key's file name inside the data directory. */
export const developmentAuditKeyFile = 'audit-mac.key';

/** Where the audit key comes from. */
export interface AuditKeyConfig {
  nodeEnv: 'development' | 'production' | 'test';
  /** AUDIT_MAC_KEY: at least 32 characters, used as its UTF-8 bytes. */
  key?: string | undefined;
  dataDir: string;
  warn: (message: string) => void;
}

/** The audit key is missing or unusable; the message says what to set. */
export class AuditKeyError extends Error {
  override name = 'AuditKeyError';
}

/**
 * The key of the audit trail's MAC. AUDIT_MAC_KEY when set (production must
 * set it: env.ts refuses to start without it). Otherwise the development key
 * `<dataDir>/audit-mac.key`, created once (mode 0600) with a warning each
 * time it is used, like the development intake keyring: a key beside the
 * database it protects proves nothing against whoever can read that folder.
 * `create: false` (the verifier) never generates one.
 */
export function resolveAuditKey(config: AuditKeyConfig, options: { create?: boolean } = {}): Buffer {
  if (config.key) return Buffer.from(config.key, 'utf8');
  if (config.nodeEnv === 'production') throw new AuditKeyError('AUDIT_MAC_KEY is not set; production never generates an audit key');
  const file = { dataDir: config.dataDir, file: developmentAuditKeyFile, variable: 'AUDIT_MAC_KEY', name: 'audit key', warn: config.warn };
  let text: string | undefined;
  try {
    text = developmentKey(file, options);
  } catch (error) {
    // A short file: a new key would leave the existing trail unverifiable, so say so.
    if ((error as Error).message.includes('too short')) throw new AuditKeyError(`${(error as Error).message} (the existing trail then no longer verifies)`);
    throw error;
  }
  if (text === undefined) throw new AuditKeyError(`No audit key: set AUDIT_MAC_KEY (or run where ${join(config.dataDir, developmentAuditKeyFile)} exists)`);
  return Buffer.from(text, 'utf8');
}
