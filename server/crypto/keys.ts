import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Intake key pairs (X25519) and the keyring file that holds them.
 *
 * File format (JSON):
 * `{ "keys": [ { "id", "publicKey", "privateKey"?, "createdAt" } ] }` where
 * `publicKey` is the raw 32-byte X25519 key in base64 and `privateKey` is
 * base64 of either a PKCS#8 DER key (what this module writes) or the raw 32
 * bytes. The newest key (by `createdAt`) is the one new cases are sealed to;
 * older keys stay so that older cases can still be opened after a rotation.
 *
 * Roles: the public-facing server needs only public keys (`publicOnly`, or a
 * file without `privateKey`); the staff server needs the private keys.
 * No error message here ever contains key material.
 */

/** One key as stored in the keyring file. */
export interface StoredKey {
  id: string;
  /** Base64 of the raw 32-byte X25519 public key. */
  publicKey: string;
  /** Base64 of a PKCS#8 DER private key, or of the raw 32 bytes; absent in a public-only file. */
  privateKey?: string;
  /** ISO 8601 timestamp. */
  createdAt: string;
}

/** The keyring file's content. */
export interface KeyringFile {
  keys: StoredKey[];
}

/** What sealing needs: a key id and a public key. */
export interface IntakePublicKey {
  readonly id: string;
  readonly publicKey: KeyObject;
}

/** A loaded key; `privateKey` only where this process may open cases. */
export interface IntakeKey extends IntakePublicKey {
  readonly privateKey?: KeyObject;
  readonly createdAt: Date;
}

/** Loaded keys by id, the key new cases seal to, and whether any private key is present. */
export interface IntakeKeyring {
  readonly keys: ReadonlyMap<string, IntakeKey>;
  /** The newest key (latest `createdAt`; on a tie, the one listed last). */
  readonly current: IntakePublicKey;
  readonly hasPrivateKeys: boolean;
}

/** A keyring file or configuration that cannot be used; the message says what to fix. */
export class KeyringError extends Error {
  override name = 'KeyringError';
}

/** The development keyring's file name inside the data directory. */
export const developmentKeyringFile = 'intake-keys.json';

const keyIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// PKCS#8 wrapper for a raw X25519 private key (RFC 8410, OID 1.3.101.110).
const pkcs8X25519Prefix = Buffer.from('302e020100300506032b656e04220420', 'hex');

/** The raw 32 bytes of an X25519 public key. */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'X25519' || typeof jwk.x !== 'string') throw new KeyringError('not an X25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

/** An X25519 public key from its raw 32 bytes. */
export function publicKeyFromRaw(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new KeyringError(`an X25519 public key is 32 bytes, not ${raw.length}`);
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/** A new key pair with an id such as `k-2026-11-26-ab12` (creation date in UTC, random suffix). */
export function generateKeyPair(now: Date = new Date()): StoredKey {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    id: `k-${now.toISOString().slice(0, 10)}-${randomBytes(2).toString('hex')}`,
    publicKey: rawPublicKey(publicKey).toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    createdAt: now.toISOString(),
  };
}

function strictBase64(value: unknown, what: string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'base64') : undefined;
  // Buffer.from ignores bad characters; re-encoding shows whether the text was exact base64.
  if (!bytes || bytes.length === 0 || bytes.toString('base64') !== value) throw new KeyringError(`${what} is not base64`);
  return bytes;
}

function parsePrivateKey(value: unknown, what: string): KeyObject {
  const bytes = strictBase64(value, what);
  const der = bytes.length === 32 ? Buffer.concat([pkcs8X25519Prefix, bytes]) : bytes;
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    throw new KeyringError(`${what} is neither a PKCS#8 DER key nor 32 raw bytes`);
  }
  if (key.asymmetricKeyType !== 'x25519') throw new KeyringError(`${what} is a ${key.asymmetricKeyType} key, not X25519`);
  return key;
}

/**
 * Checks a keyring file's content and loads its keys. `source` names the file
 * in error messages. Throws a {@link KeyringError} naming the key at fault.
 */
export function parseKeyring(content: unknown, source: string): IntakeKeyring {
  const keys = (content as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new KeyringError(`${source}: expected { "keys": [ ... ] } with at least one key`);
  const byId = new Map<string, IntakeKey>();
  let current: IntakeKey | undefined;
  keys.forEach((raw: unknown, index) => {
    const entry = (raw ?? {}) as Partial<Record<keyof StoredKey, unknown>>;
    const id = entry.id;
    if (typeof id !== 'string' || !keyIdPattern.test(id)) {
      throw new KeyringError(`${source}: keys[${index}].id must be 1-64 letters, digits, ".", "_" or "-"`);
    }
    const what = `${source}: key ${id}`;
    if (byId.has(id)) throw new KeyringError(`${what} appears twice`);
    const publicRaw = strictBase64(entry.publicKey, `${what}: publicKey`);
    const publicKey = publicKeyFromRaw(publicRaw);
    const privateKey = entry.privateKey === undefined ? undefined : parsePrivateKey(entry.privateKey, `${what}: privateKey`);
    if (privateKey && !rawPublicKey(createPublicKey(privateKey)).equals(publicRaw)) {
      throw new KeyringError(`${what}: privateKey does not belong to publicKey`);
    }
    const createdAt = typeof entry.createdAt === 'string' ? new Date(entry.createdAt) : new Date(Number.NaN);
    if (Number.isNaN(createdAt.getTime())) throw new KeyringError(`${what}: createdAt is not an ISO 8601 timestamp`);
    const key: IntakeKey = privateKey ? { id, publicKey, privateKey, createdAt } : { id, publicKey, createdAt };
    byId.set(id, key);
    if (!current || createdAt.getTime() >= current.createdAt.getTime()) current = key;
  });
  if (!current) throw new KeyringError(`${source}: no keys`);
  const hasPrivateKeys = [...byId.values()].some((k) => k.privateKey);
  // Staff could not open new cases: almost certainly a half-finished rotation or a wrong file.
  if (hasPrivateKeys && !current.privateKey) {
    throw new KeyringError(`${source}: the newest key ${current.id} has no privateKey while older keys do`);
  }
  return { keys: byId, current: { id: current.id, publicKey: current.publicKey }, hasPrivateKeys };
}

function readKeyringFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new KeyringError(`cannot read keyring ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    // The parser's message may quote the file, and the file holds private keys.
    throw new KeyringError(`${path} is not valid JSON`);
  }
}

/** Reads and checks a keyring file. */
export function loadKeyring(path: string): IntakeKeyring {
  return parseKeyring(readKeyringFile(path), path);
}

/** The same keyring without private keys, for the public-facing role. */
export function publicOnly(keyring: IntakeKeyring): IntakeKeyring {
  const keys = new Map<string, IntakeKey>();
  for (const { id, publicKey, createdAt } of keyring.keys.values()) keys.set(id, { id, publicKey, createdAt });
  return { keys, current: keyring.current, hasPrivateKeys: false };
}

/** The file content of a keyring without private keys: what a public-facing host may hold. */
export function publicKeyringFile(file: KeyringFile): KeyringFile {
  return { keys: file.keys.map(({ id, publicKey, createdAt }) => ({ id, publicKey, createdAt })) };
}

/**
 * Writes a keyring file whole or not at all: a temporary file, flushed, then
 * renamed (or linked, for a file that must not already exist), and the folder
 * flushed. A crash leaves the old file or the new one, never half of one:
 * losing a private key would make every case sealed to it unreadable.
 */
export function writeDurably(path: string, content: KeyringFile, mode: number, exclusive: boolean): void {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', mode);
  try {
    writeSync(fd, `${JSON.stringify(content, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    if (exclusive) linkSync(tmp, path);
    else renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/**
 * Adds a new key pair to a keyring file and keeps every old key, so cases
 * sealed before the rotation still open. Refuses a public-only file: the new
 * private key belongs with the other private keys, and the public file is then
 * re-exported with {@link publicKeyringFile}. Returns the reloaded keyring.
 */
export function rotate(path: string, now: Date = new Date()): IntakeKeyring {
  const before = loadKeyring(path);
  if (!before.hasPrivateKeys) {
    throw new KeyringError(`${path} holds only public keys: rotate the full keyring (INTAKE_KEYRING), then export its public part`);
  }
  const newest = Math.max(...[...before.keys.values()].map((k) => k.createdAt.getTime()));
  if (now.getTime() <= newest) throw new KeyringError(`${path}: the clock is not after the newest key's createdAt; not rotating`);
  let key = generateKeyPair(now);
  while (before.keys.has(key.id)) key = generateKeyPair(now);
  const file = readKeyringFile(path) as KeyringFile;
  writeDurably(path, { keys: [...file.keys, key] }, 0o600, false);
  return loadKeyring(path);
}

/**
 * The development keyring `<dataDir>/intake-keys.json`: created with one key
 * pair (mode 0600) when missing, so `npm start` works without configuration.
 * Calls `warn` every time it is used, because its private key sits beside
 * the data it protects. Safe against two processes starting at once: the
 * file appears whole or not at all, and the loser of the race uses it.
 */
export function ensureDevelopmentKeyring(dataDir: string, warn: (message: string) => void): string {
  const path = join(dataDir, developmentKeyringFile);
  if (existsSync(path)) {
    warn(`Using the development intake keyring ${path}: for development only; configure INTAKE_KEYRING in production`);
    return path;
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    writeDurably(path, { keys: [generateKeyPair()] }, 0o600, true);
    warn(`Generated a development intake keyring at ${path}: for development only, never for real cases; configure INTAKE_KEYRING in production`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    warn(`Using the development intake keyring ${path}: for development only; configure INTAKE_KEYRING in production`);
  }
  return path;
}

/** Where the keyring comes from; the paths are INTAKE_KEYRING and INTAKE_PUBLIC_KEYRING. */
export interface KeyringConfig {
  nodeEnv: 'development' | 'production' | 'test';
  /** INTAKE_KEYRING: the full keyring with private keys (staff role, or both roles). */
  keyringPath?: string | undefined;
  /** INTAKE_PUBLIC_KEYRING: public keys only (a public-facing host). */
  publicKeyPath?: string | undefined;
  dataDir: string;
  warn: (message: string) => void;
}

/**
 * The keyring this process uses. Production must configure exactly one of
 * INTAKE_KEYRING or INTAKE_PUBLIC_KEYRING; elsewhere an unconfigured start
 * uses (and if needed creates) the development keyring. A public keyring that
 * holds private keys, or a full one that holds none, is refused as a mistake.
 */
export function resolveKeyring(config: KeyringConfig): IntakeKeyring {
  const { nodeEnv, keyringPath, publicKeyPath, dataDir, warn } = config;
  if (keyringPath && publicKeyPath) {
    throw new KeyringError('Set INTAKE_KEYRING (full keyring, staff) or INTAKE_PUBLIC_KEYRING (public keys only), not both');
  }
  if (publicKeyPath) {
    const keyring = loadKeyring(publicKeyPath);
    if (keyring.hasPrivateKeys) {
      throw new KeyringError(`INTAKE_PUBLIC_KEYRING ${publicKeyPath} contains private keys; a public-facing host must not hold them`);
    }
    return keyring;
  }
  if (keyringPath) {
    const keyring = loadKeyring(keyringPath);
    if (!keyring.hasPrivateKeys) {
      throw new KeyringError(`INTAKE_KEYRING ${keyringPath} has no private keys; for public keys only use INTAKE_PUBLIC_KEYRING`);
    }
    if (process.platform !== 'win32' && (statSync(keyringPath).mode & 0o077) !== 0) {
      warn(`The intake keyring ${keyringPath} can be read by other users; restrict it (chmod 600)`);
    }
    return keyring;
  }
  if (nodeEnv === 'production') {
    throw new KeyringError(
      'No intake keyring configured: set INTAKE_KEYRING (full keyring, staff) or INTAKE_PUBLIC_KEYRING (public keys only); production never generates keys',
    );
  }
  return loadKeyring(ensureDevelopmentKeyring(dataDir, warn));
}
