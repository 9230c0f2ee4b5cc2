// Direct access to the test run's database (scripts/test.ts passes DATABASE_URL),
// for what a spec must arrange or check behind the app's back: an account of
// its own (signing out ends every session of a user, so specs that sign out
// must not use the shared demo accounts), the audit log, the throttle table.
import pg from "pg";
import { hashPassword } from "@/lib/access/passwords";
import { sealText } from "@/lib/access/secret-box";
import { secretContext } from "@/lib/access/two-factor/second-factor";
import { DEMO_TOTP_SECRET } from "@/lib/access/two-factor/totp";

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

/**
 * A fresh OFFICIAL account for one spec, enrolled (issue 22) with the published demo second factor,
 * like the demo accounts: e2e/accounts.ts oneTimeCode gives its code.
 */
export async function createOfficialAccount(username: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await withDatabase(async (db) => {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO "User" ("username", "displayName", "passwordHash", "role", "updatedAt") VALUES ($1, $2, $3, 'OFFICIAL', now()) RETURNING "id"`,
      [username, `测试 ${username}`, hash],
    );
    const id = rows[0]!.id;
    await db.query(`INSERT INTO "UserTwoFactor" ("userId", "secretSealed", "lastUsedStep") VALUES ($1, $2, 0)`, [
      id,
      sealText(DEMO_TOTP_SECRET, secretContext(id)),
    ]);
  });
}
