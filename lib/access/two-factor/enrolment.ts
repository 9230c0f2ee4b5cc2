// Enrolment (issue 22): the page draws a new secret and its QR code, and carries the secret to the
// confirmation in a sealed form field (lib/access/secret-box.ts) bound to the user, valid for
// PENDING_MINUTES; nothing is stored until a code from the app confirms it. So two browsers of one
// account (the user's and one with a stolen password) never see the same secret, and the one who
// confirms is the one who scanned. Confirming bumps the user's sessionVersion: every other session
// ends (one opened with the password alone could otherwise go on as enrolled); the confirming
// browser gets a new cookie (lib/access/actions/two-factor.ts).
import { openText, SecretBoxError, sealText } from "@/lib/access/secret-box";
import { isEnrolled, removeSecondFactor, storeSecondFactor } from "@/lib/access/two-factor/second-factor";
import { newTotpSecret, totpStep } from "@/lib/access/two-factor/totp";
import { recordAuditEvent } from "@/lib/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const PENDING_MINUTES = 15;
const pendingContext = (userId: number) => `two-factor-enrolment:${userId}`;

export function startEnrolment(userId: number, now: Date = new Date()): { secret: string; pending: string } {
  const secret = newTotpSecret();
  const expires = now.getTime() + PENDING_MINUTES * 60_000;
  return { secret, pending: sealText(JSON.stringify({ secret, expires }), pendingContext(userId)) };
}

/** The secret a pending enrolment carries, or null when it is not this user's, forged or expired. */
export function pendingSecret(pending: string, userId: number, now: Date = new Date()): string | null {
  try {
    const value = JSON.parse(openText(pending, pendingContext(userId))) as { secret?: unknown; expires?: unknown };
    if (typeof value.secret !== "string" || typeof value.expires !== "number") return null;
    return value.expires > now.getTime() ? value.secret : null;
  } catch (error) {
    if (error instanceof SecretBoxError || error instanceof SyntaxError) return null;
    throw error;
  }
}

export type EnrolmentResult =
  | { ok: true; recoveryCodes: string[]; sessionVersion: number }
  | { ok: false; reason: "expired" | "wrongCode" | "alreadyEnrolled" };

export async function confirmEnrolment(
  db: PrismaClient,
  userId: number,
  pending: string,
  code: string,
  now: Date = new Date(),
  /** The enrolling browser's session (UserSession id): it goes on, every other one ends. */
  currentSid: string | null = null,
): Promise<EnrolmentResult> {
  const secret = pendingSecret(pending, userId, now);
  if (!secret) return { ok: false, reason: "expired" };
  const step = await totpStep(secret, code.replace(/\s/g, ""), now);
  if (step === null) return { ok: false, reason: "wrongCode" };
  return db.$transaction(async (tx) => {
    // Only a user without a second factor enrols; a new one comes after the security administrator's reset.
    if (await isEnrolled(tx, userId)) return { ok: false, reason: "alreadyEnrolled" } as const;
    const recoveryCodes = await storeSecondFactor(tx, userId, secret, step);
    const user = await tx.user.update({
      where: { id: userId },
      data: { sessionVersion: { increment: 1 } },
      select: { sessionVersion: true, username: true },
    });
    // The session rows follow the bump (lib/access/user-sessions.ts lists those of the current
    // sessionVersion): the others are ended, this browser's carries on under the new number.
    await tx.userSession.updateMany({
      where: { userId, endedAt: null, ...(currentSid ? { id: { not: currentSid } } : {}) },
      data: { endedAt: now, endReason: "twoFactorEnrolled" },
    });
    if (currentSid) {
      await tx.userSession.updateMany({
        where: { id: currentSid, userId, endedAt: null },
        data: { sessionVersion: user.sessionVersion },
      });
    }
    await recordAuditEvent(tx, {
      actorId: userId,
      action: "user.twoFactorEnrolled",
      targetType: "User",
      targetId: String(userId),
      details: { username: user.username, recoveryCodes: recoveryCodes.length },
    });
    return { ok: true, recoveryCodes, sessionVersion: user.sessionVersion } as const;
  });
}

/**
 * The security administrator's reset: the second factor and recovery codes go, every session of the
 * user ends (sessionVersion), and the user enrols again at next sign-in. Audited. Returns the
 * username, or null when the user had no second factor (nothing changed).
 */
export async function resetSecondFactor(db: PrismaClient, actorId: number, userId: number): Promise<string | null> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { username: true } });
    if (!user || !(await removeSecondFactor(tx, userId))) return null;
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await tx.userSession.updateMany({
      where: { userId, endedAt: null },
      data: { endedAt: new Date(), endReason: "securityAdmin" },
    });
    await recordAuditEvent(tx, {
      actorId,
      action: "user.twoFactorReset",
      targetType: "User",
      targetId: String(userId),
      details: { username: user.username },
    });
    return user.username;
  });
}
