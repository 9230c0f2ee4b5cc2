// The server as `npm start` runs it, and its answers to requests that are not what they should
// be: scripts/start.ts started here on a free port with no HOSTNAME listens on 127.0.0.1 only
// (read from /proc/net, no traffic needed); a client that aborts an upload mid-body leaves no
// error in the server's log; route parameters outside their known set are a 404 over HTTP.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { freePort } from "../scripts/process-utils";
import { storageStateOf } from "./accounts";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The addresses listening on `port`, from /proc/net/tcp and tcp6 (Linux): "127.0.0.1", "0.0.0.0", "::", "::1"… */
function listeners(port: number): string[] {
  const out: string[] = [];
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] !== "0A") continue; // LISTEN
      const [address, p] = cols[1]!.split(":") as [string, string];
      if (p !== hexPort) continue;
      if (address.length === 8) {
        out.push(
          (address.match(/../g) ?? [])
            .reverse()
            .map((h) => parseInt(h, 16))
            .join("."),
        );
      } else {
        const words = (address.match(/.{8}/g) ?? []).map((w) => (w.match(/../g) ?? []).reverse().join(""));
        const groups = words
          .join("")
          .match(/.{4}/g)!
          .map((g) => parseInt(g, 16).toString(16));
        out.push(groups.every((g) => g === "0") ? "::" : groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::"));
      }
    }
  }
  return out;
}

/** Cookie header of the admin's signed-in browser (auth.setup.ts). */
function adminCookie(): string {
  const state = JSON.parse(readFileSync(path.join(root, storageStateOf("admin")), "utf8")) as {
    cookies: Array<{ name: string; value: string }>;
  };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

test.describe("npm start (scripts/start.ts) on the e2e build", () => {
  let server: ChildProcess | undefined;
  let port = 0;
  let log = "";

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test",
    };
    delete env.HOSTNAME; // the default is what is tested
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
      const ok = await fetch(`http://127.0.0.1:${port}/signin`).then(
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

  test("listens on 127.0.0.1 only when HOSTNAME is not set", async () => {
    test.skip(!existsSync("/proc/net/tcp"), "needs Linux's /proc/net");
    const addresses = listeners(port);
    expect(addresses).toContain("127.0.0.1");
    expect(addresses.filter((a) => a !== "127.0.0.1")).toEqual([]);
    expect(log).toContain(`next start on http://127.0.0.1:${port} (HOSTNAME=127.0.0.1)`);
  });

  test("a client that aborts an upload mid-body leaves no error in the server's log", async () => {
    const cookie = adminCookie();
    const boundary = "----abort-test";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="2021-06.csv"\r\nContent-Type: text/csv\r\n\r\n`;
    // Aborted at several points: right after the headers, after a little, after a lot.
    for (const sent of [0, 1024, 256 * 1024, 2 * 1024 * 1024]) {
      const socket = net.connect(port, "127.0.0.1");
      socket.on("error", () => {});
      await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
      socket.write(
        `POST /api/uploads HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookie}\r\n` +
          `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${5 * 1024 * 1024}\r\n\r\n${head}`,
      );
      if (sent) socket.write(Buffer.alloc(sent, "1"));
      await new Promise((r) => setTimeout(r, 300));
      socket.destroy();
    }
    await new Promise((r) => setTimeout(r, 2_000));
    // The server still answers, and said nothing about the aborted requests.
    expect((await fetch(`http://127.0.0.1:${port}/signin`)).status).toBe(200);
    const afterStart = log.slice(log.indexOf("next start on"));
    expect(afterStart).not.toMatch(/aborted|ECONNRESET|uncaughtException/);
  });
});

test.describe("route parameters over HTTP (official)", () => {
  test("prototype keys and malformed values are a 404 with a Chinese message, never a 500 or an empty 200", async ({
    request,
  }) => {
    for (const kind of ["constructor", "toString", "__proto__"]) {
      for (const query of ["", "?format=xlsx"]) {
        const response = await request.get(`/api/export/2021-06/annex/${kind}${query}`);
        expect(response.status(), `${kind}${query}`).toBe(404);
        // The gate refuses a path no rule names before the handler runs (deny by default); the
        // handler's own message for an unknown kind is tested in lib/http/route-params.test.ts.
        expect(((await response.json()) as { error: string }).error).toMatch(/没有|不存在/);
      }
    }
    for (const url of [
      "/api/export/2021-6/annex/departments",
      "/api/reports/2021-13/annexes.xlsx",
      "/api/export/2021-06/unit/constructor",
    ]) {
      expect((await request.get(url)).status(), url).toBe(404);
    }
    expect((await request.get("/api/export/2021-06/annex/departments")).status()).toBe(200);
  });
});
