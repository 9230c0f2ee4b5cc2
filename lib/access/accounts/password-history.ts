// A user's last passwords, as hashes (issue 22): a new password may not be any of the last
// PASSWORD_HISTORY_SIZE, the current one included. Every path that sets a password records it
// here (rememberPassword) in the transaction that sets it, and the rows beyond the last
// PASSWORD_HISTORY_SIZE are deleted.
import { verifyPassword } from "@/lib/access/passwords";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export const PASSWORD_HISTORY_SIZE = 5;

type Db = PrismaClient | Prisma.TransactionClient;

/** Is the password the current one or one of the last PASSWORD_HISTORY_SIZE? */
export async function isRecentPassword(db: Db, userId: number, password: string): Promise<boolean> {
  const [user, rows] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } }),
    db.passwordHistory.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: PASSWORD_HISTORY_SIZE,
      select: { passwordHash: true },
    }),
  ]);
  // Accounts made before the history began have only their current hash.
  const hashes = new Set([...(user ? [user.passwordHash] : []), ...rows.map((r) => r.passwordHash)]);
  for (const hash of hashes) if (await verifyPassword(hash, password)) return true;
  return false;
}

/** Records a password just set, and forgets the ones older than the last PASSWORD_HISTORY_SIZE. */
export async function rememberPassword(tx: Db, userId: number, passwordHash: string, now = new Date()): Promise<void> {
  await tx.passwordHistory.create({ data: { userId, passwordHash, createdAt: now } });
  const keep = await tx.passwordHistory.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PASSWORD_HISTORY_SIZE,
    select: { id: true },
  });
  await tx.passwordHistory.deleteMany({ where: { userId, id: { notIn: keep.map((k) => k.id) } } });
}
