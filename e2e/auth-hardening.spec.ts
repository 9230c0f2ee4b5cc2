// Issue 19, items 5, 8 (second half), 9 and the information items, over HTTP against the built
// app: Auth.js's own sign-out is refused and the app's ends every session; X-Forwarded-Host
// never picks a redirect's host; state-changing API routes refuse foreign Origins;
// x-middleware-rewrite is not sent; HSTS only when a trusted proxy says https; a failed sign-in
// and an anonymous POST /api/auth/session leave one log line each.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import { freePort } from "../scripts/process-utils";
import { fillSignInForm, oneTimeCode, storageStateOf } from "./accounts";
import { createOfficialAccount, withDatabase } from "./database";
import { siteOrigin } from "./same-origin";

const root = fileURLToPath(new URL("..", import.meta.url));
const PASSWORD = "hardening-test-2021";

/** Signs in over Auth.js's credentials endpoint; the context keeps the cookie. Answers the Location. */
async function signIn(
  context: APIRequestContext,
  username: string,
  password = PASSWORD,
  extra: { headers?: Record<string, string>; callbackUrl?: string } = {},
): Promise<string> {
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.post("/api/auth/callback/credentials", {
    form: {
      username,
      password,
      code: await oneTimeCode(username),
      csrfToken,
      callbackUrl: extra.callbackUrl ?? "/2021-06",
    },
    headers: extra.headers,
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  return response.headers().location ?? "";
}

const fresh = (baseURL: string | undefined) =>
  playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });

async function statusOf(context: APIRequestContext, path: string): Promise<number> {
  return (await context.get(path, { maxRedirects: 0 })).status();
}

test.describe("sign-out (item 5)", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("Auth.js's own sign-out is refused; the app's sign-out button ends every session of the user", async ({
    baseURL,
    page,
  }) => {
    const username = `hs${Date.now() % 1_000_000}`;
    await createOfficialAccount(username, PASSWORD);
    const [a, b] = [await fresh(baseURL), await fresh(baseURL)];
    await signIn(a, username);
    await signIn(b, username);
    expect(await statusOf(a, "/2021-06")).toBe(200);
    expect(await statusOf(b, "/2021-06")).toBe(200);

    // Auth.js's page and its POST: refused, and nothing half-done (both sessions still work).
    const { csrfToken } = (await (await a.get("/api/auth/csrf")).json()) as { csrfToken: string };
    expect((await a.get("/api/auth/signout", { maxRedirects: 0 })).status()).toBe(404);
    const post = await a.post("/api/auth/signout", {
      form: { csrfToken, callbackUrl: "/" },
      headers: { Origin: siteOrigin() },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(404);
    expect(post.headers()["set-cookie"] ?? "").not.toContain("authjs.session-token=;");
    expect(await statusOf(a, "/2021-06")).toBe(200);
    expect(await statusOf(b, "/2021-06")).toBe(200);

    // The app's sign-out, from the page's button: every cookie of the user is refused after it.
    await page.goto("/signin?callbackUrl=%2F2021-06");
    await fillSignInForm(page, username, PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL(/\/2021-06$/);
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(/\/signin/);
    expect(await statusOf(a, "/2021-06")).toBe(307);
    expect(await statusOf(b, "/2021-06")).toBe(307);
    const signOuts = await withDatabase(async (db) => {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "AuditEvent" e JOIN "User" u ON e."actorId" = u.id WHERE u.username = $1 AND e.action = 'user.signOut'`,
        [username],
      );
      return rows[0]!.n;
    });
    expect(signOuts).toBe(1);
    await a.dispose();
    await b.dispose();
  });
});

test.describe("X-Forwarded-Host never picks the redirect's host (item 8)", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  const evil = { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" };
  const onSite = (location: string) => location.startsWith("/") || location.startsWith(`${siteOrigin()}/`);

  test("over Auth.js's endpoint: right and wrong password, and an absolute callbackUrl", async ({ baseURL }) => {
    const username = `fh${Date.now() % 1_000_000}`;
    await createOfficialAccount(username, PASSWORD);
    const context = await fresh(baseURL);
    const right = await signIn(context, username, PASSWORD, { headers: evil });
    expect(right).toBe("/2021-06");
    const absolute = await signIn(context, username, PASSWORD, {
      headers: evil,
      callbackUrl: "https://evil.example/2021-06",
    });
    expect(absolute).toBe("/");
    const wrong = await signIn(context, username, "not-the-password", { headers: evil });
    expect(wrong).toContain("error=CredentialsSignin");
    for (const location of [right, absolute, wrong]) {
      expect(location).not.toContain("evil.example");
      expect(onSite(location), location).toBe(true);
    }
    await context.dispose();
  });

  test("through the sign-in form (the server action) in a browser sending X-Forwarded-Host", async ({ browser }) => {
    const username = `fb${Date.now() % 1_000_000}`;
    await createOfficialAccount(username, PASSWORD);
    const context = await browser.newContext({ extraHTTPHeaders: evil, storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    const locations: string[] = [];
    page.on("response", (r) => {
      const location = r.headers().location ?? r.headers()["x-action-redirect"];
      if (location) locations.push(location);
    });
    await page.goto("/signin?callbackUrl=%2F2021-06%2Fmunicipal");
    await fillSignInForm(page, username, PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL(/\/2021-06\/municipal$/);
    expect(new URL(page.url()).origin).toBe(siteOrigin());
    expect(locations.filter((l) => l.includes("evil.example"))).toEqual([]);
    await context.close();
  });
});

test.describe("state-changing API routes check the Origin (item 9)", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("a foreign Origin, none, or a cross-site fetch is refused with 403, nothing written", async ({ request }) => {
    const body = { month: "2019-06", files: [{ name: "a.csv", size: 10 }] };
    const count = () =>
      withDatabase(
        async (db) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "CaseUpload"`)).rows[0]!.n,
      );
    const before = await count();
    const variants: Array<Record<string, string>> = [
      { Origin: "https://evil.example" },
      {},
      { "Sec-Fetch-Site": "cross-site" },
    ];
    for (const headers of variants) {
      const refused = await request.post("/api/cases", { data: body, headers });
      expect(refused.status(), JSON.stringify(headers)).toBe(403);
      expect(((await refused.json()) as { error: string }).error).toContain("来源不符");
      const upload = await request.post("/api/uploads", {
        multipart: { file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n") } },
        headers,
      });
      expect(upload.status(), JSON.stringify(headers)).toBe(403);
    }
    const foreignChunk = await request.put("/api/cases/1?file=0&offset=0", {
      data: Buffer.from("0123456789"),
      headers: { "Content-Type": "application/octet-stream", Origin: "https://evil.example" },
    });
    expect(foreignChunk.status()).toBe(403);
    expect(await count()).toBe(before);
    // From the site the same requests go through: upload-limits.spec.ts, upload.spec.ts (the browser's
    // own upload form) and accessibility.spec.ts (a case upload) send them so.
  });
});

test.describe("response headers (information items)", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("a rewritten page does not show its internal path; no HSTS from a client's X-Forwarded-Proto", async ({
    request,
  }) => {
    const page = await request.get("/2021-06");
    expect(page.status()).toBe(200);
    expect(page.headers()["x-middleware-rewrite"]).toBeUndefined();
    const forged = await request.get("/signin", { headers: { "X-Forwarded-Proto": "https" } });
    expect(forged.headers()["strict-transport-security"]).toBeUndefined();
  });

  test("every kind of answer carries the security headers, and none an ETag", async ({ request }) => {
    const page = await request.get("/2021-06");
    const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(await page.text())?.[1];
    expect(asset).toBeTruthy();
    const answers = {
      "a prerendered page": page,
      "a built script": await request.get(asset!),
      "a page's RSC payload": await request.get("/2021-06", { headers: { RSC: "1" } }),
      "a refusal the proxy draws": await request.get("/2021-06/units/zz99"),
      "an API refusal": await request.get("/api/v1/cases"),
      "a route handler": await request.get("/api/v1/openapi.json"),
    };
    for (const [what, response] of Object.entries(answers)) {
      const headers = response.headers();
      expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
      expect(headers["content-security-policy"], what).not.toContain("unsafe-eval");
      expect(headers["x-content-type-options"], what).toBe("nosniff");
      expect(headers["x-frame-options"], what).toBe("DENY");
      expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
      expect(headers["permissions-policy"], what).toBe("camera=(), microphone=(), geolocation=()");
      expect(headers.etag, what).toBeUndefined();
    }
  });

  test("a page is private whichever door let it in: the document gate or the proxy", async ({ request }) => {
    // A document load is decided by lib/access/document-gate.ts, a navigation's RSC payload by proxy.ts.
    const kinds: Record<string, Record<string, string>> = { document: {}, rsc: { RSC: "1" } };
    for (const [what, headers] of Object.entries(kinds)) {
      for (const path of ["/2021-06", "/en/2021-06/municipal", "/warnings/board"]) {
        const response = await request.get(path, { headers });
        expect(response.status(), `${what} ${path}`).toBe(200);
        expect(response.headers()["cache-control"], `${what} ${path}`).toBe("private, no-cache");
      }
    }
  });
});

test.describe("behind a trusted proxy (TRUSTED_PROXY_COUNT=1), on a server of its own", () => {
  let server: ChildProcess | undefined;
  let base = "";
  let log = "";

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test",
      TRUSTED_PROXY_COUNT: "1",
    };
    server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    server.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    const deadline = Date.now() + 200_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`scripts/start.ts exited (${server.exitCode}):\n${log}`);
      const ok = await fetch(`${base}/signin`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`scripts/start.ts did not serve in time:\n${log}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  test.afterAll(async () => {
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  });

  test("HSTS when the proxy says https, none over plain http", async () => {
    const proxied = await fetch(`${base}/signin`, {
      headers: { "X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.20" },
    });
    expect(proxied.headers.get("strict-transport-security")).toBe("max-age=31536000");
    const plain = await fetch(`${base}/signin`, {
      headers: { "X-Forwarded-Proto": "http", "X-Forwarded-For": "198.51.100.20" },
    });
    expect(plain.headers.get("strict-transport-security")).toBeNull();
  });

  test("a failed sign-in and an anonymous POST /api/auth/session write one log line each, no stack", async () => {
    const context = await playwrightRequest.newContext({
      baseURL: base,
      extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.21" },
    });
    const logged = log.length;
    const location = await signIn(context, "nobody-at-all", "wrong-password");
    expect(location).toContain("error=CredentialsSignin");
    expect((await context.post("/api/auth/session", { data: {} })).status()).toBe(400);
    await new Promise((r) => setTimeout(r, 500));
    // What the requests logged (the server logs nothing else about them).
    const lines = log
      .slice(logged)
      .split("\n")
      .filter((l) => /auth|^\s+at |Error/i.test(l));
    expect(lines.filter((l) => l.startsWith("[auth] CredentialsSignin"))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith("[auth] MissingCSRF"))).toHaveLength(1);
    expect(lines.filter((l) => /^\s+at /.test(l))).toEqual([]);
    expect(lines).toHaveLength(2);
    await context.dispose();
  });
});
