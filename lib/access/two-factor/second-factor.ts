// A user's second factor in the database (UserTwoFactor, TwoFactorRecoveryCode): checking a code
// at sign-in (lib/access/sign-in-check.ts), enrolling, resetting. The secret is sealed with
// lib/access/secret-box.ts; each accepted code's time step is kept, so a code is accepted once.
import { openText, sealText } from "@/lib/access/secret-box";
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from "@/lib/access/two-factor/recovery-codes";
import { DEMO_TOTP_SECRET, totpStep } from "@/lib/access/two-factor/totp";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

type Db = PrismaClient | Prisma.TransactionClient;

/** Binds a sealed secret to its row: a copy in another user's row does not open. */
export const secretContext = (userId: number) => `UserTwoFactor.secret:${userId}`;

export type SecondFactorCheck =
  | { ok: true; via: "totp" }
  | { ok: true; via: "recovery"; remaining: number }
  | { ok: false; reason: "missingCode" | "wrongCode" | "replayedCode" };

export async function isEnrolled(db: Db, userId: number): Promise<boolean> {
  return (await db.userTwoFactor.count({ where: { userId } })) > 0;
}

/** The enrolled user's secret (base32), or null when not enrolled. */
export async function enrolledSecret(db: Db, userId: number): Promise<string | null> {
  const row = await db.userTwoFactor.findUnique({ where: { userId } });
  return row ? openText(row.secretSealed, secretContext(userId)) : null;
}

export async function usesDemoSecret(db: Db, userId: number): Promise<boolean> {
  return (await enrolledSecret(db, userId)) === DEMO_TOTP_SECRET;
}

/**
 * The code typed at sign-in for an enrolled user: six digits from the app (a time step later than
 * the last accepted one), or an unused recovery code (then used up). Null: the user has no second
 * factor. Concurrent sign-ins with one code: the conditional UPDATE lets one of them through.
 */
export async function checkSecondFactor(
  db: Db,
  userId: number,
  code: string | undefined,
  now: Date = new Date(),
): Promise<SecondFactorCheck | null> {
  const row = await db.userTwoFactor.findUnique({ where: { userId } });
  if (!row) return null;
  const typed = (code ?? "").replace(/\s/g, "");
  if (!typed) return { ok: false, reason: "missingCode" };
  if (/^\d{6}$/.test(typed)) {
    const step = await totpStep(openText(row.secretSealed, secretContext(userId)), typed, now);
    if (step === null) return { ok: false, reason: "wrongCode" };
    if (step <= row.lastUsedStep) return { ok: false, reason: "replayedCode" };
    const claimed = await db.userTwoFactor.updateMany({
      where: { userId, lastUsedStep: { lt: step } },
      data: { lastUsedStep: step },
    });
    return claimed.count === 1 ? { ok: true, via: "totp" } : { ok: false, reason: "replayedCode" };
  }
  const normalized = normalizeRecoveryCode(typed);
  if (!normalized) return { ok: false, reason: "wrongCode" };
  const used = await db.twoFactorRecoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(normalized), usedAt: null },
    data: { usedAt: now },
  });
  if (used.count !== 1) return { ok: false, reason: "wrongCode" };
  const remaining = await db.twoFactorRecoveryCode.count({ where: { userId, usedAt: null } });
  return { ok: true, via: "recovery", remaining };
}

/**
 * Stores a confirmed secret (the code at `step` proved the app has it) with fresh recovery codes,
 * replacing any earlier ones; returns the codes, to be shown once.
 */
export async function storeSecondFactor(
  tx: Prisma.TransactionClient,
  userId: number,
  secret: string,
  step: number,
): Promise<string[]> {
  const secretSealed = sealText(secret, secretContext(userId));
  await tx.userTwoFactor.upsert({
    where: { userId },
    create: { userId, secretSealed, lastUsedStep: step },
    update: { secretSealed, lastUsedStep: step, enrolledAt: new Date() },
  });
  await tx.twoFactorRecoveryCode.deleteMany({ where: { userId } });
  const codes = newRecoveryCodes();
  await tx.twoFactorRecoveryCode.createMany({
    data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(normalizeRecoveryCode(c)!) })),
  });
  return codes;
}

/** Removes the second factor and its recovery codes (the security administrator's reset). */
export async function removeSecondFactor(tx: Prisma.TransactionClient, userId: number): Promise<boolean> {
  await tx.twoFactorRecoveryCode.deleteMany({ where: { userId } });
  return (await tx.userTwoFactor.deleteMany({ where: { userId } })).count > 0;
}

export async function remainingRecoveryCodes(db: Db, userId: number): Promise<number> {
  return db.twoFactorRecoveryCode.count({ where: { userId, usedAt: null } });
}

/**
 * The demo database's accounts (lib/demo-data seed): enrolled with the published demo secret
 * (README), so the demo is two commands away. Refused in production unless ALLOW_DEMO_ACCOUNTS=1.
 */
export async function enrolDemoSecondFactor(db: PrismaClient, userId: number): Promise<void> {
  await db.$transaction((tx) => storeSecondFactor(tx, userId, DEMO_TOTP_SECRET, 0));
}
