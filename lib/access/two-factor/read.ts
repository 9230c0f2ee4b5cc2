// What the enrolment page shows of the viewer's own second factor (pages do not read the database).
import { prisma } from "@/lib/db";

export async function ownTwoFactor(
  userId: number,
): Promise<{ username: string; enrolledAt: Date | null; remainingRecoveryCodes: number } | null> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { username: true, twoFactor: { select: { enrolledAt: true } } },
  });
  if (!user) return null;
  const remainingRecoveryCodes = await prisma.twoFactorRecoveryCode.count({ where: { userId, usedAt: null } });
  return { username: user.username, enrolledAt: user.twoFactor?.enrolledAt ?? null, remainingRecoveryCodes };
}
