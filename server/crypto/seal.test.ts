import { createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, parseKeyring, publicOnly, type IntakeKeyring, type StoredKey } from './keys.ts';
import { openSealed, sealPersonalData, SealError, type Sealed } from './seal.ts';

function keyringOf(...keys: StoredKey[]): IntakeKeyring {
  return parseKeyring({ keys }, 'test keyring');
}

const marker = 'MARKER-Åsa-Virtanen-040-1234567';
const personal = { name: marker, phone: '+358 40 123 4567', message: 'Poikani ei ole tullut kotiin.' };

function expectSealError(run: () => unknown, code: SealError['code'], message?: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SealError);
    expect((error as SealError).code).toBe(code);
    if (message) expect((error as SealError).message).toMatch(message);
    expect((error as SealError).message).not.toContain(marker);
    return;
  }
  throw new Error('expected openSealed to throw');
}

describe('seal', () => {
  const stored = generateKeyPair(new Date('2026-11-26T10:00:00Z'));
  const keyring = keyringOf(stored);

  it('round-trips personal data for the same reference', () => {
    const sealed = sealPersonalData(personal, 'ABCD2345', keyring.current);
    expect(sealed.keyId).toBe(stored.id);
    expect(sealed.ephemeralPublicKey).toHaveLength(32);
    expect(sealed.nonce).toHaveLength(12);
    expect(openSealed(sealed, 'ABCD2345', keyring)).toEqual(personal);
  });

  it('follows the documented format: an independent decryption gets the canonical JSON bytes', () => {
    const reordered = { phone: personal.phone, message: personal.message, name: personal.name };
    const sealed = sealPersonalData(reordered, 'ABCD2345', keyring.current);
    // The construction written out again from the module's documentation, with Node's crypto directly.
    const privateKey = createPrivateKey({ key: Buffer.from(stored.privateKey!, 'base64'), format: 'der', type: 'pkcs8' });
    const ephemeral = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: sealed.ephemeralPublicKey.toString('base64url') }, format: 'jwk' });
    const secret = diffieHellman({ privateKey, publicKey: ephemeral });
    const key = Buffer.from(hkdfSync('sha256', secret, sealed.ephemeralPublicKey, `anchor-portal/v1${stored.id}`, 32));
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.nonce, { authTagLength: 16 });
    decipher.setAAD(Buffer.from('ABCD2345'));
    decipher.setAuthTag(sealed.ciphertext.subarray(-16));
    const plaintext = Buffer.concat([decipher.update(sealed.ciphertext.subarray(0, -16)), decipher.final()]).toString('utf8');
    expect(plaintext).toBe(`{"message":"Poikani ei ole tullut kotiin.","name":"${marker}","phone":"+358 40 123 4567"}`);
  });

  it('seals with a public-only keyring: the public face never needs a private key', () => {
    const publicRing = publicOnly(keyring);
    const sealed = sealPersonalData(personal, 'ABCD2345', publicRing.current);
    expect(openSealed(sealed, 'ABCD2345', keyring)).toEqual(personal);
  });

  it('refuses to open under another case reference', () => {
    const sealed = sealPersonalData(personal, 'ABCD2345', keyring.current);
    expectSealError(() => openSealed(sealed, 'ABCD2346', keyring), 'authentication-failed', /wrong case reference/);
  });

  it.each(['ciphertext', 'nonce', 'ephemeralPublicKey'] as const)('detects a flipped byte in the %s', (field) => {
    const sealed = sealPersonalData(personal, 'ABCD2345', keyring.current);
    for (const index of [0, sealed[field].length - 1]) {
      const tampered: Sealed = { ...sealed, [field]: Buffer.from(sealed[field]) };
      tampered[field][index]! ^= 0x01;
      expectSealError(() => openSealed(tampered, 'ABCD2345', keyring), 'authentication-failed');
    }
  });

  it('detects a changed key id, since the id is bound into the derived key', () => {
    const other = generateKeyPair(new Date('2026-11-27T10:00:00Z'));
    const both = keyringOf(stored, other);
    const sealed = sealPersonalData(personal, 'ABCD2345', both.keys.get(stored.id)!);
    expectSealError(() => openSealed({ ...sealed, keyId: other.id }, 'ABCD2345', both), 'authentication-failed');
  });

  it('fails with a different key under the same id', () => {
    const sealed = sealPersonalData(personal, 'ABCD2345', keyring.current);
    const impostor = { ...generateKeyPair(), id: stored.id };
    expectSealError(() => openSealed(sealed, 'ABCD2345', keyringOf(impostor)), 'authentication-failed');
  });

  it('names an unknown key id', () => {
    const sealed = sealPersonalData(personal, 'ABCD2345', keyring.current);
    expectSealError(() => openSealed(sealed, 'ABCD2345', keyringOf(generateKeyPair())), 'unknown-key', new RegExp(stored.id));
  });

  it('cannot open with a public-only keyring', () => {
    const sealed = sealPersonalData(personal, 'ABCD2345', keyring.current);
    expectSealError(() => openSealed(sealed, 'ABCD2345', publicOnly(keyring)), 'no-private-key');
  });

  it('rejects truncated fields and a forged all-zero ephemeral key', () => {
    const sealed = sealPersonalData(personal, 'ABCD2345', keyring.current);
    expectSealError(() => openSealed({ ...sealed, ciphertext: sealed.ciphertext.subarray(0, 15) }, 'ABCD2345', keyring), 'malformed');
    expectSealError(() => openSealed({ ...sealed, nonce: sealed.nonce.subarray(0, 11) }, 'ABCD2345', keyring), 'malformed');
    expectSealError(() => openSealed({ ...sealed, ephemeralPublicKey: Buffer.alloc(32) }, 'ABCD2345', keyring), 'authentication-failed');
  });

  it('uses a fresh ephemeral key and nonce for every seal', () => {
    const a = sealPersonalData(personal, 'ABCD2345', keyring.current);
    const b = sealPersonalData(personal, 'ABCD2345', keyring.current);
    expect(a.ephemeralPublicKey.equals(b.ephemeralPublicKey)).toBe(false);
    expect(a.nonce.equals(b.nonce)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it('leaves no plaintext in what is stored', () => {
    const sealed = sealPersonalData(personal, 'ABCD2345', keyring.current);
    const stored = Buffer.concat([Buffer.from(sealed.keyId), sealed.ephemeralPublicKey, sealed.nonce, sealed.ciphertext]);
    for (const text of [marker, 'Virtanen', '4567', 'Poikani']) {
      expect(stored.includes(Buffer.from(text, 'utf8'))).toBe(false);
    }
  });

  it('refuses values that have no canonical JSON form, and an empty reference', () => {
    expect(() => sealPersonalData({ at: new Date() }, 'ABCD2345', keyring.current)).toThrow(/Date/);
    expect(() => sealPersonalData(personal, '', keyring.current)).toThrow(/reference/);
  });
});
