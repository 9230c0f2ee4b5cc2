// Direct access to the test run's database (scripts/test.ts passes DATABASE_URL),
// for what a spec must arrange or check behind the app's back: an account of
// its own (signing out ends every session of a user, so specs that sign out
// must not use the shared demo accounts), the audit log, the throttle table.
import pg from "pg";
import { hashPassword } from "@/lib/access/passwords";

export async function withDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (run the specs through npm test)");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh OFFICIAL account for one spec. */
export async function createOfficialAccount(username: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await withDatabase((db) =>
    db.query(
      `INSERT INTO "User" ("username", "displayName", "passwordHash", "role", "updatedAt") VALUES ($1, $2, $3, 'OFFICIAL', now())`,
      [username, `测试 ${username}`, hash],
    ),
  );
}
