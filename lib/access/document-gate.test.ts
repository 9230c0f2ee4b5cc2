// The document gate (issue 23) on a real PostgreSQL with the demo's accounts and the reference
// month, in front of a real node:http server whose handler reports what it was handed: a plain
// page request of a reader who may read it is sent to the page it is served from, marked decided;
// everything else reaches the handler untouched (the proxy's to decide), and a marker a client
// forged never does.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "@auth/core/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeededTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { config as proxyConfig } from "../../proxy";
import { GATE_DECIDED_HEADER, installDocumentGate, PAGE_CACHE_CONTROL } from "./document-gate";
import { readSession, reissueToken, SESSION_UPDATE_AGE_SECONDS } from "./session";

const SALT = "authjs.session-token";
let db: TestDatabase;
let server: http.Server;
let base: string;
const cookies: Record<"gaj" | "official", string> = { gaj: "", official: "" };

type Seen = { url: string; decided: string | null; cacheControl: string | null };

async function cookieOf(username: string): Promise<string> {
  const user = await db.prisma.user.findUniqueOrThrow({ where: { username }, include: { unit: true } });
  const sid = crypto.randomUUID();
  await db.prisma.userSession.create({
    data: { id: sid, userId: user.id, sessionVersion: user.sessionVersion, address: "127.0.0.1", userAgent: "vitest" },
  });
  const token = await encode({
    token: {
      userId: user.id,
      role: user.role,
      unitCode: user.unit?.code ?? null,
      sessionVersion: user.sessionVersion,
      sid,
    },
    secret: process.env.AUTH_SECRET!,
    salt: SALT,
    maxAge: 3600,
  });
  return `${SALT}=${token}`;
}

async function ask(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Seen> {
  const response = await fetch(base + path, { method, headers, redirect: "manual" });
  return (await response.json()) as Seen;
}

beforeAll(async () => {
  db = await createSeededTestDatabase();
  process.env.AUTH_SECRET = "test-secret-for-document-gate-0123456789";
  cookies.gaj = await cookieOf("gaj");
  cookies.official = await cookieOf("official");
  installDocumentGate(() => "2021-06-30");
  server = http.createServer((request, response) => {
    const decided = request.headers[GATE_DECIDED_HEADER];
    response.setHeader("content-type", "application/json");
    response.end(
      JSON.stringify({
        url: request.url,
        decided: typeof decided === "string" ? decided : null,
        cacheControl: response.getHeader("cache-control") ?? null,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.drop();
});

describe("the document gate", () => {
  it("sends a reader's page to the page it is served from, marked decided and private", async () => {
    const gaj = { cookie: cookies.gaj };
    expect(await ask("/2021-06/units/d08", gaj)).toEqual({
      url: "/zh-CN/2021-06/units/d08",
      decided: "1",
      cacheControl: PAGE_CACHE_CONTROL,
    });
    expect((await ask("/en/2021-06/units/d08?tab=items", gaj)).url).toBe("/en/2021-06/units/d08?tab=items");
    // Decided on the decoded path, and served from exactly that path.
    expect((await ask("/%32021-06/units/d%308", gaj)).url).toBe("/zh-CN/2021-06/units/d08");
    // The audience's version, as the proxy chooses it (pageForViewer).
    const official = { cookie: cookies.official };
    expect((await ask("/2021-06", official)).url).toBe("/zh-CN/2021-06/all-units");
    expect((await ask("/2021-06", gaj)).url).toBe("/zh-CN/2021-06");
  });

  it("leaves every other request untouched for the proxy, and a forged marker never reaches the handler", async () => {
    const gaj = { cookie: cookies.gaj, [GATE_DECIDED_HEADER]: "1" };
    const untouched = (path: string): Seen => ({ url: path, decided: null, cacheControl: null });
    // Refused (another unit), a path no rule names, a month never published, signed out.
    for (const path of ["/2021-06/units/x04", "/2021-06/units/x04/items", "/zh-CN/2021-06", "/1999-01", "/admin"])
      expect(await ask(path, gaj), path).toEqual(untouched(path));
    expect(await ask("/2021-06/units/d08", { [GATE_DECIDED_HEADER]: "1" })).toEqual(untouched("/2021-06/units/d08"));
    // The router's requests, server actions, other methods, route handlers, a query for the router.
    expect(await ask("/2021-06/units/d08", { ...gaj, rsc: "1" })).toEqual(untouched("/2021-06/units/d08"));
    expect(await ask("/2021-06/units/d08", { ...gaj, "next-action": "x" }, "POST")).toEqual(
      untouched("/2021-06/units/d08"),
    );
    expect(await ask("/2021-06/units/d08?_rsc=abc", gaj)).toEqual(untouched("/2021-06/units/d08?_rsc=abc"));
    expect(await ask("/api/warnings/count", gaj)).toEqual(untouched("/api/warnings/count"));
    // A cookie to renew: the proxy re-issues it.
    const session = (await readSession([{ name: SALT, value: cookies.gaj.slice(SALT.length + 1) }]))!;
    const renewed = await reissueToken(session, Date.now() - (SESSION_UPDATE_AGE_SECONDS + 60) * 1000);
    const old = { cookie: `${SALT}=${renewed.value}` };
    expect(await ask("/2021-06/units/d08", old)).toEqual(untouched("/2021-06/units/d08"));
  });

  it("is what the proxy's matcher skips: the same header name", () => {
    const [matcher] = proxyConfig.matcher;
    expect(matcher?.missing).toEqual([{ type: "header", key: GATE_DECIDED_HEADER }]);
  });
});
