import { describe, expect, it } from 'vitest';
import { totpCode } from '../../tests/support/totp.ts';
import { matchTotp, newTotpSecret, totpQrSvg, totpStep, totpUri } from './totp.ts';

describe('TOTP', () => {
  const secret = newTotpSecret();
  const at = new Date('2026-03-02T08:00:10Z');
  const step = totpStep(at);

  it('makes 160-bit secrets in base32', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
  });

  it('accepts the code of this step and one either side (clock drift), telling which step it was', () => {
    expect(matchTotp(secret, totpCode(secret, at), at)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, new Date(at.getTime() - 30_000)), at)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, new Date(at.getTime() + 30_000)), at)).toBe(step + 1);
  });

  it('refuses codes two steps away, of another secret, or not six digits', () => {
    expect(matchTotp(secret, totpCode(secret, new Date(at.getTime() - 60_000)), at)).toBeUndefined();
    expect(matchTotp(secret, totpCode(secret, new Date(at.getTime() + 60_000)), at)).toBeUndefined();
    expect(matchTotp(newTotpSecret(), totpCode(secret, at), at)).toBeUndefined();
    expect(matchTotp(secret, `${totpCode(secret, at)}0`, at)).toBeUndefined();
    expect(matchTotp(secret, 'abcdef', at)).toBeUndefined();
  });

  it('describes the secret for authenticator apps and draws it as an SVG QR code', () => {
    const uri = totpUri(secret, 'worker@anchor.test');
    expect(uri).toBe(`otpauth://totp/Ankkuri:worker%40anchor.test?issuer=Ankkuri&secret=${secret}&algorithm=SHA1&digits=6&period=30`);
    const svg = totpQrSvg(uri);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1">/);
    // The four-module quiet zone of 6-pixel modules: nothing is drawn in the first 24 pixels.
    expect(svg).not.toMatch(/M(1?\d|2[0-3]),/);
  });
});
