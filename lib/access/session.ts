import "server-only";
// Reading the session cookie on every request, cheaply, with every guarantee.
//
// Auth.js issues the cookie at sign-in (lib/access/auth.ts): a JWE (dir,
// A256CBC-HS512) whose key is derived from AUTH_SECRET with HKDF, salted with
// the cookie's name. Asking Auth.js for the session on each request derives
// that key again, decrypts, runs the callbacks, re-encrypts and sets the
// cookie again: two thirds of a static page's capacity (issue 12). Here the
// key is derived once per process, a decrypted token is remembered until it
// expires, and the cookie is re-issued only when it is older than
// SESSION_UPDATE_AGE_SECONDS. What is never cached for long is whether the
// user may still be in (currentUserStatus, ≤ 5 s, and forgotten at once on every
// instance after a change): deactivation, a password reset or change, a role change
// and sign-out all bump the user's sessionVersion, and a cookie carrying an older one
// is refused, wherever and whenever it was copied. Each cookie also names its session (sid, a
// UserSession row, issue 22): an ended, idle or over-age session is refused too, at the cost of a
// map lookup (lib/access/session-activity.ts); an expired password counts as one that must be changed.
import { hkdfSync } from "node:crypto";
import { base64url, calculateJwkThumbprint, EncryptJWT, type JWTPayload, jwtDecrypt } from "jose";
import { ROLES, type Role, type Viewer } from "@/lib/access/permissions";
import {
  getSecurityPolicy,
  isSessionLive,
  passwordHasExpired,
  SESSION_MAX_AGE_SECONDS,
  securityPolicyNow,
  sessionLiveNow,
} from "@/lib/access/session-activity";
import { mustEnrollTwoFactor } from "@/lib/access/two-factor/viewer-state";
import { currentUserStatus } from "@/lib/access/viewer-status";

export { SESSION_MAX_AGE_SECONDS };
/** A session cookie older than this is re-issued with a new expiry (Auth.js's updateAge). */
export const SESSION_UPDATE_AGE_SECONDS = 60 * 60;

/** Auth.js's cookie names: the __Secure- one when served over HTTPS. */
export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;
export type SessionCookieName = (typeof SESSION_COOKIE_NAMES)[number];

export type SessionPayload = JWTPayload & {
  userId?: number;
  role?: Role;
  unitCode?: string | null;
  sessionVersion?: number;
  name?: string | null;
  /** The UserSession's id (issue 22). */
  sid?: string;
};

export type Session = { viewer: Viewer; payload: SessionPayload; cookieName: SessionCookieName };

type Cookie = { name: string; value: string };

function secret(): string {
  const value = process.env.AUTH_SECRET;
  if (!value) throw new Error("AUTH_SECRET is not set");
  return value;
}

type Key = { key: Uint8Array; kid: Promise<string> };
const keys = new Map<string, Key>();

/** Auth.js's key for a cookie name (salt), derived once per process. */
function keyFor(salt: string): Key {
  const cacheKey = `${secret()}\u0000${salt}`;
  let entry = keys.get(cacheKey);
  if (!entry) {
    const key = new Uint8Array(hkdfSync("sha256", secret(), salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    entry = { key, kid: calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, "sha512") };
    keys.set(cacheKey, entry);
  }
  return entry;
}

/** The token of a cookie, reassembling Auth.js's chunks (name.0, name.1, …) when it was split. */
function tokenFrom(cookies: readonly Cookie[], name: string): string | undefined {
  const whole = cookies.find((c) => c.name === name);
  if (whole) return whole.value;
  const chunks = cookies
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : undefined;
}

const MAX_REMEMBERED = 10_000;
// On globalThis: the proxy and the app are bundled apart but share one process.
const store = globalThis as unknown as { __dashboardTokens?: Map<string, SessionPayload> };
const decrypted = (store.__dashboardTokens ??= new Map<string, SessionPayload>());

async function decryptToken(token: string, salt: string): Promise<SessionPayload | null> {
  const cacheKey = `${salt}\u0000${token}`;
  const known = decrypted.get(cacheKey);
  if (known) return known;
  try {
    const { payload } = await jwtDecrypt<SessionPayload>(token, keyFor(salt).key, {
      clockTolerance: 15,
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256CBC-HS512"],
    });
    if (decrypted.size >= MAX_REMEMBERED) decrypted.delete(decrypted.keys().next().value!);
    decrypted.set(cacheKey, payload);
    return payload;
  } catch {
    return null; // tampered, wrong key, malformed
  }
}

/**
 * The signed-in viewer of a request, or null: no cookie, a cookie that does
 * not decrypt, has expired, or was issued before the user's sessionVersion
 * last changed, or a user no longer active, or whose session has ended
 * (signed out, ended by its user or the security administrator, idle, over age).
 */
export async function readSession(cookies: readonly Cookie[], now = Date.now()): Promise<Session | null> {
  for (const cookieName of SESSION_COOKIE_NAMES) {
    const token = tokenFrom(cookies, cookieName);
    if (!token) continue;
    const payload = await decryptToken(token, cookieName);
    if (!payload || typeof payload.userId !== "number") return null;
    if (typeof payload.exp !== "number" || payload.exp * 1000 <= now) return null;
    const status = await currentUserStatus(payload.userId);
    if (!status?.active || status.sessionVersion !== payload.sessionVersion) return null;
    if (!ROLES.includes(status.role as Role)) return null;
    // From memory when it can (no await), else with the database.
    const live =
      sessionLiveNow(payload.sid, payload.userId, now) ?? (await isSessionLive(payload.sid, payload.userId, now));
    if (!live) return null;
    const policy = securityPolicyNow() ?? (await getSecurityPolicy());
    const viewer: Viewer = {
      userId: payload.userId,
      role: status.role as Role,
      unitCode: status.unitCode,
      mustChangePassword: status.mustChangePassword || passwordHasExpired(status.passwordChangedAt, policy, now),
    };
    if (await mustEnrollTwoFactor(viewer.role, status.twoFactorEnrolled)) viewer.mustEnrollTwoFactor = true;
    return { viewer, payload, cookieName };
  }
  return null;
}

/** Should this session's cookie be re-issued with a fresh expiry? */
export function needsRefresh(payload: SessionPayload, now = Date.now()): boolean {
  return typeof payload.iat === "number" && now / 1000 - payload.iat > SESSION_UPDATE_AGE_SECONDS;
}

/** The same token with a new issue time and expiry, encrypted as Auth.js does. */
export async function reissueToken(session: Session, now = Date.now()): Promise<{ value: string; expires: Date }> {
  const { key, kid } = keyFor(session.cookieName);
  const seconds = Math.floor(now / 1000);
  const { iat: _iat, exp: _exp, jti: _jti, ...claims } = session.payload;
  const value = await new EncryptJWT(claims)
    .setProtectedHeader({ alg: "dir", enc: "A256CBC-HS512", kid: await kid })
    .setIssuedAt(seconds)
    .setExpirationTime(seconds + SESSION_MAX_AGE_SECONDS)
    .setJti(crypto.randomUUID())
    .encrypt(key);
  return { value, expires: new Date((seconds + SESSION_MAX_AGE_SECONDS) * 1000) };
}
