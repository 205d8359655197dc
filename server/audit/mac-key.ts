import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

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

function readDevelopmentKey(path: string): Buffer {
  const text = readFileSync(path, 'utf8').trim();
  if (text.length < 32) throw new AuditKeyError(`${path} is too short to be an audit key; delete it to generate a new one (the existing trail then no longer verifies)`);
  return Buffer.from(text, 'utf8');
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
  const path = join(config.dataDir, developmentAuditKeyFile);
  if (existsSync(path)) {
    config.warn(`Using the development audit key ${path}: for development only; set AUDIT_MAC_KEY in production`);
    return readDevelopmentKey(path);
  }
  if (options.create === false) throw new AuditKeyError(`No audit key: set AUDIT_MAC_KEY (or run where ${path} exists)`);
  mkdirSync(config.dataDir, { recursive: true });
  // Written whole to a temporary file and linked into place: two processes starting at once agree on one key.
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${randomBytes(32).toString('base64url')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
    config.warn(`Generated a development audit key at ${path}: for development only; set AUDIT_MAC_KEY in production`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(tmp, { force: true });
  }
  return readDevelopmentKey(path);
}
