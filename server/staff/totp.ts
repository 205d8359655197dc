import { Secret, TOTP } from 'otpauth';
import { renderSVG } from 'uqr';

/** The name an authenticator app shows above the code. */
export const TOTP_ISSUER = 'Ankkuri';

// RFC 6238 defaults (30 s, 6 digits, HMAC-SHA1): every authenticator app supports exactly these.
const settings = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

/** A new random TOTP secret (160 bits, as RFC 4226 recommends), in base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads from the QR code or accepts typed in. */
export function totpUri(secret: string, email: string): string {
  return new TOTP({ issuer: TOTP_ISSUER, label: email, secret: Secret.fromBase32(secret), ...settings }).toString();
}

/**
 * The URI as a QR code in SVG, drawn here so the secret never goes to an
 * outside service. Error correction M and the standard four-module quiet zone
 * keep it readable from a screen.
 */
export function totpQrSvg(uri: string): string {
  return renderSVG(uri, { ecc: 'M', border: 4, pixelSize: 6 });
}

/** The time step (30-second period number) of a moment. */
export const totpStep = (at: Date): number => Math.floor(at.getTime() / 1000 / settings.period);

/**
 * The time step a code belongs to, or undefined when it is wrong. One step
 * either side is accepted for clock drift; the caller refuses a step it has
 * already accepted, so a code works once only.
 */
export function matchTotp(secret: string, code: string, at: Date): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(secret), ...settings, timestamp: at.getTime(), window: 1 });
  return delta === null ? undefined : totpStep(at) + delta;
}
