import { Secret, TOTP } from 'otpauth';

/** The code an authenticator app shows for a base32 secret at a moment (30 s, 6 digits, SHA1). */
export function totpCode(secret: string, at: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: at.getTime() });
}
