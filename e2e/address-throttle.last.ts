// The per-address sign-in throttle cannot be dodged with a forged
// X-Forwarded-For: the address is the socket's (TRUSTED_PROXY_COUNT unset).
// Runs after every other spec (project "last" in playwright.config.ts): it
// blocks 127.0.0.1, the address every spec signs in from, and clears the
// throttle when done.
import { type APIRequestContext, expect, test } from "@playwright/test";
import { ACCOUNTS, oneTimeCode } from "./accounts";
import { withDatabase } from "./database";

async function signInOverHttp(
  request: APIRequestContext,
  username: string,
  password: string,
  forwardedFor: string,
): Promise<string> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { username, password, code: await oneTimeCode(username), csrfToken, callbackUrl: "/" },
    headers: { "X-Forwarded-For": forwardedFor, "X-Real-IP": forwardedFor },
    maxRedirects: 0,
  });
  return response.headers().location ?? "";
}

test.use({ storageState: { cookies: [], origins: [] } });

test("30 failures behind forged X-Forwarded-For values block the real address, and the audit log records the real one", async ({
  request,
}) => {
  test.setTimeout(180_000);
  const already = await withDatabase(async (db) => {
    const { rows } = await db.query<{ failures: number }>(
      `SELECT "failures" FROM "LoginThrottle" WHERE "address" = '127.0.0.1' AND "windowStart" > now() - interval '15 minutes'`,
    );
    return rows[0]?.failures ?? 0;
  });
  try {
    for (let i = already; i < 30; i++) {
      const location = await signInOverHttp(request, "nobody-here", "wrong", `10.9.9.${i % 250}`);
      expect(location).toContain("error=CredentialsSignin");
    }
    // A new forged address, and the right password of a real account: still the same client, still blocked.
    const location = await signInOverHttp(
      request,
      ACCOUNTS.official.username,
      ACCOUNTS.official.password,
      "10.9.9.250",
    );
    expect(location).toContain("code=throttled");
    const addresses = await withDatabase(async (db) => {
      const { rows } = await db.query<{ address: string }>(
        `SELECT DISTINCT "details"->>'address' AS address FROM "AuditEvent" WHERE "action" = 'user.signInFailed' AND "details"->>'username' = 'nobody-here'`,
      );
      return rows.map((r) => r.address);
    });
    expect(addresses).toEqual(["127.0.0.1"]);
  } finally {
    await withDatabase((db) => db.query(`DELETE FROM "LoginThrottle"`));
  }
});
