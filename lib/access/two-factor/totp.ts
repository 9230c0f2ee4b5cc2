// TOTP (RFC 6238) with otplib 13: 6 digits, 30-second steps, HMAC-SHA1 — what every
// authenticator app (Google, Microsoft, FreeOTP, 腾讯身份验证器 …) reads from an otpauth:// URI.
import { generate, generateSecret, generateURI, verify } from "otplib";

export const TOTP_PERIOD_SECONDS = 30;
/** One step either side: a phone whose clock is up to 30 s off still signs in (RFC 6238 §5.2). */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;

/**
 * The published demo secret (README): the demo database's accounts are enrolled with it, so a
 * newcomer can add it to an app or compute the code. Accounts using it are refused in production
 * unless ALLOW_DEMO_ACCOUNTS=1 (lib/access/two-factor/demo.ts).
 */
export const DEMO_TOTP_SECRET = "GOVDASHBOARDDEMOTOTPSECRET234567";

export const newTotpSecret = (): string => generateSecret({ length: 20 });

export const timeStepAt = (now: Date): number => Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/** The code an app shows at `now` (tests, the e2e helper). */
export function totpCode(secret: string, now: Date = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
}

/** The time step the code belongs to (within one step of `now`), or null when it matches none. */
export async function totpStep(secret: string, code: string, now: Date = new Date()): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: TOLERANCE_SECONDS,
    });
    // The TOTP result names its time step (the HOTP half of otplib's result type does not).
    return result.valid && "timeStep" in result ? result.timeStep : null;
  } catch {
    return null; // a secret or token otplib refuses: no match
  }
}

/** What the QR code carries: otpauth://totp/<issuer>:<username>?secret=…&issuer=… */
export function otpauthUri(secret: string, username: string, issuer: string): string {
  return generateURI({ issuer, label: username, secret });
}
