// nginx ending TLS, as the cluster configures it (scripts/nginx-conf.ts), on the real nginx
// binary in front of a small HTTP server that answers like the app (it sets Auth.js's
// __Secure- session cookie only when told https, and an HSTS header of its own). Runs in CI
// (`npm test`; .ci/run installs Debian's nginx); skipped, saying so, where nginx or openssl is
// not installed. The whole topology's own test is test/cluster (npm run test:cluster).
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HSTS_VALUE, hasOpenssl, makeTestCertificate, nginxBinary, nginxConf } from "./nginx-conf";
import { freePort } from "./process-utils";

const nginx = nginxBinary();
const missing = !nginx ? "nginx (apt-get install nginx)" : !hasOpenssl() ? "openssl" : null;
if (missing) console.warn(`[nginx-conf.test] skipped: ${missing} is not installed`);

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

function request(url: string, options: https.RequestOptions & { body?: string } = {}): Promise<Answer> {
  const client = url.startsWith("https:") ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, options, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/** A TLS handshake with these client options: the protocol agreed, or the error's code. */
function handshake(
  port: number,
  options: tls.ConnectionOptions,
): Promise<{ protocol: string | null } | { error: string }> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: "127.0.0.1", port, servername: "localhost", ...options }, () => {
      const protocol = socket.getProtocol();
      socket.end();
      resolve({ protocol });
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
  });
}

describe.skipIf(missing !== null)("nginx ending TLS in front of the app (scripts/nginx-conf.ts)", () => {
  let dir = "";
  let ca = "";
  let httpsPort = 0;
  let httpPort = 0;
  let nginxProcess: ChildProcess | undefined;
  let upstream: http.Server | undefined;
  const seen: http.IncomingHttpHeaders[] = [];
  let nginxLog = "";

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "dash-nginx-tls-"));
    // Started as root, nginx's workers run as nobody: their temp directories must be theirs to write.
    chmodSync(dir, 0o777);
    const files = makeTestCertificate(path.join(dir, "tls"));
    ca = readFileSync(files.certificate, "utf8");
    // The app's answer: the session cookie named and flagged as Auth.js does over https.
    upstream = http.createServer((req, res) => {
      seen.push(req.headers);
      const secure = req.headers["x-forwarded-proto"] === "https";
      res.setHeader(
        "Set-Cookie",
        `${secure ? "__Secure-" : ""}authjs.session-token=t; Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`,
      );
      // The app's own HSTS (next.config.ts): nginx must replace it, not send a second one.
      res.setHeader("Strict-Transport-Security", "max-age=5");
      res.end(`path=${req.url}`);
    });
    await new Promise<void>((resolve) => upstream!.listen(0, "127.0.0.1", resolve));
    const upstreamPort = (upstream.address() as net.AddressInfo).port;
    httpsPort = await freePort();
    httpPort = await freePort();
    const conf = path.join(dir, "nginx.conf");
    writeFileSync(
      conf,
      nginxConf({
        dir,
        address: "127.0.0.1",
        upstreams: [{ name: "app", servers: [`127.0.0.1:${upstreamPort}`] }],
        https: [{ port: httpsPort, upstream: "app" }],
        httpRedirect: { port: httpPort, to: httpsPort },
        tls: files,
      }),
    );
    nginxProcess = spawn(nginx!, ["-p", dir, "-c", conf, "-e", path.join(dir, "error.log"), "-g", "daemon off;"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    nginxProcess.stdout!.on("data", (chunk: Buffer) => (nginxLog += chunk.toString()));
    nginxProcess.stderr!.on("data", (chunk: Buffer) => (nginxLog += chunk.toString()));
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (nginxProcess.exitCode !== null) throw new Error(`nginx exited (${nginxProcess.exitCode}): ${nginxLog}`);
      const up = await request(`https://127.0.0.1:${httpsPort}/ready`, { ca }).then(
        () => true,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline) throw new Error(`nginx did not answer within 15 s: ${nginxLog}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  afterAll(async () => {
    if (nginxProcess && nginxProcess.exitCode === null) {
      const exited = new Promise((resolve) => nginxProcess!.once("exit", resolve));
      nginxProcess.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
    await new Promise((resolve) => (upstream ? upstream.close(resolve) : resolve(undefined)));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("serves HTTPS with one HSTS header of at least a year, and tells the app it is https", async () => {
    seen.length = 0;
    const answer = await request(`https://127.0.0.1:${httpsPort}/2021-06?x=1`, {
      ca,
      headers: { "X-Forwarded-Proto": "http", "X-Forwarded-For": "198.51.100.7" },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe("path=/2021-06?x=1");
    expect(answer.headers["strict-transport-security"]).toBe(HSTS_VALUE);
    expect(Number(/max-age=(\d+)/.exec(HSTS_VALUE)?.[1])).toBeGreaterThanOrEqual(365 * 24 * 3600);
    // A client's X-Forwarded-Proto is overwritten; its X-Forwarded-For is kept left of the peer
    // (TRUSTED_PROXY_COUNT=1 takes the rightmost: 127.0.0.1, nginx's peer here).
    expect(seen[0]?.["x-forwarded-proto"]).toBe("https");
    expect(seen[0]?.["x-forwarded-for"]).toBe("198.51.100.7, 127.0.0.1");
    expect(seen[0]?.["x-forwarded-host"]).toBe(`127.0.0.1:${httpsPort}`);
    const cookie = answer.headers["set-cookie"]?.[0] ?? "";
    expect(cookie).toMatch(/^__Secure-authjs\.session-token=t;/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
  });

  it("answers plain HTTP with 308 to the same URL over HTTPS, a POST too, and passes nothing on", async () => {
    seen.length = 0;
    const get = await request(`http://127.0.0.1:${httpPort}/signin?callbackUrl=%2F2021-06`);
    expect(get.status).toBe(308);
    expect(get.headers.location).toBe(`https://127.0.0.1:${httpsPort}/signin?callbackUrl=%2F2021-06`);
    const post = await request(`http://127.0.0.1:${httpPort}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "username=a&password=b",
    });
    expect(post.status).toBe(308);
    expect(post.headers.location).toBe(`https://127.0.0.1:${httpsPort}/api/auth/callback/credentials`);
    expect(seen).toHaveLength(0);
  });

  it("refuses TLS 1.0 and 1.1, which the same client speaks to a server that allows them", async () => {
    // SECLEVEL=0: OpenSSL 3 clients offer TLS 1.0/1.1 only at security level 0.
    const old = { minVersion: "TLSv1", maxVersion: "TLSv1.1", ciphers: "DEFAULT:@SECLEVEL=0", ca } as const;
    // Control: a Node TLS server that allows TLS 1.1 agrees on it with this client.
    const key = readFileSync(path.join(dir, "tls", "key.pem"));
    const lenient = tls.createServer({ key, cert: ca, minVersion: "TLSv1", ciphers: "DEFAULT:@SECLEVEL=0" }, (s) =>
      s.end(),
    );
    await new Promise<void>((resolve) => lenient.listen(0, "127.0.0.1", resolve));
    try {
      const control = await handshake((lenient.address() as net.AddressInfo).port, old);
      expect(control).toEqual({ protocol: "TLSv1.1" });
    } finally {
      lenient.close();
    }
    for (const version of ["TLSv1", "TLSv1.1"] as const) {
      const result = await handshake(httpsPort, { ...old, minVersion: version, maxVersion: version });
      expect(result, version).toEqual({ error: "ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION" });
    }
    expect(await handshake(httpsPort, { ca, minVersion: "TLSv1.2", maxVersion: "TLSv1.2" })).toEqual({
      protocol: "TLSv1.2",
    });
    expect(await handshake(httpsPort, { ca, minVersion: "TLSv1.3" })).toEqual({ protocol: "TLSv1.3" });
  });

  it("on TLS 1.2, only ECDHE with AEAD ciphers: a CBC suite is refused", async () => {
    const cbc = await handshake(httpsPort, {
      ca,
      maxVersion: "TLSv1.2",
      ciphers: "ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384",
    });
    expect(cbc).toHaveProperty("error");
    const gcm = await handshake(httpsPort, { ca, maxVersion: "TLSv1.2", ciphers: "ECDHE-ECDSA-AES128-GCM-SHA256" });
    expect(gcm).toEqual({ protocol: "TLSv1.2" });
  });
});
