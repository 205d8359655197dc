import { createCipheriv, createDecipheriv, createSecretKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import { publicKeyFromRaw, rawPublicKey, type IntakeKeyring, type IntakePublicKey } from './keys.ts';

/**
 * Encryption at rest of a case's personal fields to the intake team's public
 * key (an ECIES construction from Node's own crypto):
 *
 * 1. a fresh X25519 key pair per submission (the ephemeral key);
 * 2. shared secret = X25519(ephemeral private, intake public);
 * 3. key = HKDF-SHA256(secret, salt = raw ephemeral public key,
 *    info = UTF-8 of "anchor-portal/v1" immediately followed by the key id), 32 bytes;
 * 4. AES-256-GCM with a random 12-byte nonce over the canonical JSON of the
 *    fields, with the UTF-8 case reference as additional authenticated data,
 *    so a ciphertext copied onto another case fails to open.
 *
 * Sealing needs only the public key: the internet-facing server cannot read
 * what it has stored. The key id travels with the ciphertext so that after a
 * rotation the right private key is picked.
 */

/** A sealed value, as stored in the `cases.sealed*` columns. */
export interface Sealed {
  keyId: string;
  /** The raw 32-byte X25519 ephemeral public key. */
  ephemeralPublicKey: Buffer;
  /** 12 random bytes, never reused with the same key (each seal derives its own key anyway). */
  nonce: Buffer;
  /** AES-256-GCM ciphertext with the 16-byte tag appended. */
  ciphertext: Buffer;
}

/** Why a sealed value could not be opened. Its message never contains plaintext. */
export type SealErrorCode = 'unknown-key' | 'no-private-key' | 'malformed' | 'authentication-failed';

/** Thrown by {@link openSealed}; `code` says which of the failures it was. */
export class SealError extends Error {
  override name = 'SealError';
  readonly code: SealErrorCode;
  constructor(code: SealErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

const info = 'anchor-portal/v1';
const nonceLength = 12;
const tagLength = 16;

// Keys go to Node's crypto as KeyObjects: with a Buffer, Node 24's key-type
// checks cost more than the work (measured here: HKDF 9.0 against 5.4 µs, the
// cipher set-up 10.0 against 1.7 µs, on every submission). A KeyObject's
// native copy of a secret is cleared when it is freed.
function deriveKey(secret: Buffer, ephemeralPublicKey: Buffer, keyId: string): KeyObject {
  const key = Buffer.from(hkdfSync('sha256', createSecretKey(secret), ephemeralPublicKey, Buffer.from(info + keyId, 'utf8'), 32));
  try {
    return createSecretKey(key);
  } finally {
    key.fill(0);
  }
}

/**
 * Seals personal fields to `key` for the case `reference`. `plain` must be a
 * plain JSON value (see canonicalJson); the reference must be the exact string
 * stored on the case, because opening checks it byte for byte.
 */
export function sealPersonalData(plain: unknown, reference: string, key: IntakePublicKey): Sealed {
  if (!reference) throw new TypeError('a sealed value needs the case reference');
  const plaintext = Buffer.from(canonicalJson(plain), 'utf8');
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralPublicKey = rawPublicKey(ephemeral.publicKey);
  const secret = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: key.publicKey });
  const aesKey = deriveKey(secret, ephemeralPublicKey, key.id);
  const nonce = randomBytes(nonceLength);
  try {
    const cipher = createCipheriv('aes-256-gcm', aesKey, nonce, { authTagLength: tagLength });
    cipher.setAAD(Buffer.from(reference, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return { keyId: key.id, ephemeralPublicKey, nonce, ciphertext };
  } finally {
    // Best effort: keep the secrets and the plaintext copy out of memory dumps.
    secret.fill(0);
    plaintext.fill(0);
  }
}

/**
 * Opens a sealed value of the case `reference` with the matching private key
 * from `keyring`. Throws a {@link SealError}: `unknown-key` when the keyring
 * lacks the key id, `no-private-key` for a public-only keyring,
 * `malformed` for wrong field sizes, and `authentication-failed` for a wrong
 * reference, a changed byte or a different key with the same id.
 */
export function openSealed(sealed: Sealed, reference: string, keyring: IntakeKeyring): unknown {
  const entry = keyring.keys.get(sealed.keyId);
  if (!entry) throw new SealError('unknown-key', `no intake key with id ${sealed.keyId} in the keyring`);
  if (!entry.privateKey) throw new SealError('no-private-key', `the keyring holds only the public part of key ${sealed.keyId}`);
  const { ephemeralPublicKey, nonce, ciphertext } = sealed;
  if (ephemeralPublicKey.length !== 32 || nonce.length !== nonceLength || ciphertext.length < tagLength) {
    throw new SealError('malformed', `sealed value for key ${sealed.keyId} has wrong field sizes`);
  }
  let secret: Buffer;
  try {
    secret = diffieHellman({ privateKey: entry.privateKey, publicKey: publicKeyFromRaw(ephemeralPublicKey) });
  } catch {
    // OpenSSL refuses low-order points (an all-zero shared secret): a forged value.
    throw new SealError('authentication-failed', `sealed value for key ${sealed.keyId} did not authenticate`);
  }
  const aesKey = deriveKey(secret, ephemeralPublicKey, sealed.keyId);
  secret.fill(0);
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', aesKey, nonce, { authTagLength: tagLength });
    decipher.setAAD(Buffer.from(reference, 'utf8'));
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - tagLength));
    plaintext = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - tagLength)), decipher.final()]);
  } catch {
    throw new SealError(
      'authentication-failed',
      `sealed value for key ${sealed.keyId} did not authenticate: wrong case reference, changed data or a different key`,
    );
  }
  try {
    return JSON.parse(plaintext.toString('utf8'));
  } finally {
    plaintext.fill(0);
  }
}
