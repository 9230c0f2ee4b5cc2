// Issue 22 (数据传输的保密性和完整性): the built app behind nginx ending TLS, configured as the
// cluster does (scripts/nginx-conf.ts, a self-signed certificate made by openssl in a temporary
// directory), on a server of its own started as an installation behind a proxy runs:
// TRUSTED_PROXY_COUNT=1 and AUTH_URL https. Chromium signs in over https: the session cookie is
// __Secure-authjs.session-token with Secure and HttpOnly, the pages carry one HSTS header of a
// year, and plain http is redirected to https. Skipped, saying so, where nginx is not installed.
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { HSTS_VALUE, hasOpenssl, makeTestCertificate, nginxBinary, nginxConf } from "../scripts/nginx-conf";
import { freePort } from "../scripts/process-utils";
import { ACCOUNTS, fillSignInForm } from "./accounts";

const root = fileURLToPath(new URL("..", import.meta.url));
const nginx = nginxBinary();
const missing = !nginx ? "nginx (apt-get install nginx)" : !hasOpenssl() ? "openssl" : null;

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
}

test.describe("behind nginx ending TLS (TRUSTED_PROXY_COUNT=1, AUTH_URL https)", () => {
  test.skip(missing !== null, `${missing} is not installed`);
  test.describe.configure({ mode: "serial" });
  test.use({ storageState: { cookies: [], origins: [] }, ignoreHTTPSErrors: true });

  let dir = "";
  let app: ChildProcess | undefined;
  let proxy: ChildProcess | undefined;
  let log = "";
  let httpsUrl = "";
  let httpUrl = "";

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    dir = mkdtempSync(path.join(tmpdir(), "dash-e2e-tls-"));
    // Started as root, nginx's workers run as nobody: their temp directories must be theirs to write.
    chmodSync(dir, 0o777);
    const [appPort, httpsPort, httpPort] = [await freePort(), await freePort(), await freePort()];
    httpsUrl = `https://127.0.0.1:${httpsPort}`;
    httpUrl = `http://127.0.0.1:${httpPort}`;
    app = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(appPort),
        NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test",
        TRUSTED_PROXY_COUNT: "1",
        AUTH_URL: httpsUrl,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    app.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    app.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    const conf = path.join(dir, "nginx.conf");
    writeFileSync(
      conf,
      nginxConf({
        dir,
        address: "127.0.0.1",
        upstreams: [{ name: "app", servers: [`127.0.0.1:${appPort}`] }],
        https: [{ port: httpsPort, upstream: "app" }],
        httpRedirect: { port: httpPort, to: httpsPort },
        tls: makeTestCertificate(path.join(dir, "tls")),
      }),
    );
    proxy = spawn(nginx!, ["-p", dir, "-c", conf, "-e", path.join(dir, "error.log"), "-g", "daemon off;"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    proxy.stderr!.on("data", (chunk: Buffer) => (log += `[nginx] ${chunk.toString()}`));
    const deadline = Date.now() + 200_000;
    for (;;) {
      if (app.exitCode !== null) throw new Error(`scripts/start.ts exited (${app.exitCode}):\n${log}`);
      if (proxy.exitCode !== null) throw new Error(`nginx exited (${proxy.exitCode}):\n${log}`);
      const ok = await fetch(`http://127.0.0.1:${appPort}/signin`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`scripts/start.ts did not serve in time:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });

  test.afterAll(async () => {
    await stop(proxy);
    await stop(app);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("plain http is redirected to https", async ({ page }) => {
    const response = await page.goto(`${httpUrl}/signin`);
    expect(page.url()).toBe(`${httpsUrl}/signin`);
    expect(response?.status()).toBe(200);
    // The redirect itself: 308 to the same path over https.
    const first = response?.request().redirectedFrom();
    expect(first?.url()).toBe(`${httpUrl}/signin`);
    expect((await first?.response())?.status()).toBe(308);
  });

  test("signing in over https: the session cookie is __Secure- with Secure and HttpOnly; HSTS on the pages", async ({
    page,
    context,
  }) => {
    const account = ACCOUNTS.gaj;
    const signin = await page.goto(`${httpsUrl}/signin`);
    expect(signin?.headers()["strict-transport-security"]).toBe(HSTS_VALUE);
    await fillSignInForm(page, account.username, account.password);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL(new RegExp(`^${httpsUrl.replace(/\./g, "\\.")}/\\d{4}-\\d{2}/units/d08$`));
    await expect(page.getByTestId("viewer-name")).toHaveText(account.name);

    const cookies = await context.cookies(httpsUrl);
    const session = cookies.filter((c) => /authjs\.session-token/.test(c.name));
    expect(session.map((c) => c.name)).toEqual(["__Secure-authjs.session-token"]);
    expect(session[0]).toMatchObject({ secure: true, httpOnly: true, sameSite: "Lax", path: "/" });
    // Auth.js's CSRF cookie is the __Host- one, also only over https.
    expect(cookies.find((c) => c.name === "__Host-authjs.csrf-token")).toMatchObject({ secure: true });

    const unit = await page.reload();
    expect(unit?.status()).toBe(200);
    expect(unit?.headers()["strict-transport-security"]).toBe(HSTS_VALUE);
  });
});
