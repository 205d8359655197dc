import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCode, normaliseRecoveryCode } from './recovery-codes.ts';

describe('recovery codes', () => {
  it('are 16 characters of Crockford base32 in four groups, all different', () => {
    const codes = Array.from({ length: 200 }, newRecoveryCode);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(new Set(codes).size).toBe(200);
  });

  it('match however they are typed: case, spaces, hyphens, O for 0 and I or L for 1', () => {
    const code = '0K1Q-M9XD-4HTC-PW3A';
    for (const typed of ['0k1q-m9xd-4htc-pw3a', '0K1QM9XD4HTCPW3A', ' 0k1q m9xd 4htc pw3a ', 'OKIQ-M9XD-4HTC-PW3A', 'oklq-m9xd-4htc-pw3a']) {
      expect(normaliseRecoveryCode(typed)).toBe('0K1QM9XD4HTCPW3A');
      expect(hashRecoveryCode(typed)).toBe(hashRecoveryCode(code));
    }
    expect(hashRecoveryCode('0K1Q-M9XD-4HTC-PW3B')).not.toBe(hashRecoveryCode(code));
  });

  it('are told apart from a six-digit authenticator code', () => {
    expect(looksLikeRecoveryCode('0K1Q-M9XD-4HTC-PW3A')).toBe(true);
    expect(looksLikeRecoveryCode('123456')).toBe(false);
    expect(looksLikeRecoveryCode('0K1Q-M9XD-4HTC')).toBe(false);
  });
});
