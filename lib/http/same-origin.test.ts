// Issue 19, item 9: every state-changing route handler under app/api (POST /api/uploads,
// POST /api/cases, PUT /api/cases/:id) refuses a request not sent from this site's pages —
// a foreign Origin, Origin "null", a cross-site Sec-Fetch-Site, or neither header — with a 403
// in the page's language, and changes nothing; from the site (Origin, or Sec-Fetch-Site:
// same-origin alone) it works. On a real PostgreSQL, as an admin (the session stood in).
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { signInAs as as } from "@/test/helpers/session-stand-in";

vi.mock("next/headers", async () => (await import("@/test/helpers/session-stand-in")).noCookies);
vi.mock("@/lib/access/session", async () => (await import("@/test/helpers/session-stand-in")).signedIn);
vi.mock("next/cache", async () => (await import("@/test/helpers/next-stand-ins")).nextCache);
vi.mock("next/navigation", async () => (await import("@/test/helpers/next-stand-ins")).nextNavigation);

const ON_EMBEDDED = !(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL);
const SITE = "http://dash.example:3000";
const dir = mkdtempSync(path.join(tmpdir(), "same-origin-"));

describe("isSameOriginRequest", () => {
  const h = (headers: Record<string, string>) => new Headers({ host: "dash.example:3000", ...headers });
  it("accepts this site's Origin, or Sec-Fetch-Site: same-origin alone", () => {
    expect(isSameOriginRequest(h({ origin: SITE }))).toBe(true);
    expect(isSameOriginRequest(h({ origin: SITE, "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOriginRequest(h({ "sec-fetch-site": "same-origin" }))).toBe(true);
    // Behind a proxy that ends TLS: the browser says https, the app sees http; the host decides.
    expect(isSameOriginRequest(h({ origin: "https://dash.example:3000" }))).toBe(true);
  });
  it("refuses another origin, another port, a null origin, a cross-site fetch, or no header", () => {
    expect(isSameOriginRequest(h({ origin: "https://evil.example" }))).toBe(false);
    expect(isSameOriginRequest(h({ origin: "http://dash.example:3001" }))).toBe(false);
    expect(isSameOriginRequest(h({ origin: "null" }))).toBe(false);
    expect(isSameOriginRequest(h({ origin: SITE, "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOriginRequest(h({ "sec-fetch-site": "same-site" }))).toBe(false);
    expect(isSameOriginRequest(h({ "sec-fetch-site": "none" }))).toBe(false);
    expect(isSameOriginRequest(h({}))).toBe(false);
    // No Host header (a Request built in-process): the URL it was sent to names the host.
    expect(isSameOriginRequest(new Headers({ origin: SITE }))).toBe(false);
    expect(isSameOriginRequest(new Headers({ origin: SITE }), `${SITE}/api/uploads`)).toBe(true);
    expect(isSameOriginRequest(new Headers({ origin: "https://evil.example" }), `${SITE}/api/uploads`)).toBe(false);
  });
  it("with AUTH_URL set, the configured origin decides, not the Host header", () => {
    process.env.AUTH_URL = "https://dash.example";
    try {
      expect(isSameOriginRequest(h({ origin: "https://dash.example" }))).toBe(true);
      expect(isSameOriginRequest(h({ origin: SITE }))).toBe(false);
      expect(isSameOriginRequest(new Headers({ host: "evil.example", origin: "https://evil.example" }))).toBe(false);
    } finally {
      delete process.env.AUTH_URL;
    }
  });
});

let db: TestDatabase;
type Routes = {
  uploads: typeof import("@/app/api/uploads/route");
  cases: typeof import("@/app/api/cases/route");
  chunk: typeof import("@/app/api/cases/[id]/route");
};
let routes: Routes;

beforeAll(async () => {
  if (ON_EMBEDDED) return;
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.CASE_UPLOAD_DIR = dir;
  const { seedDatabase } = await import("@/lib/demo-data/seed-database");
  await seedDatabase(db.prisma, { demoMonths: 0 });
  routes = {
    uploads: await import("@/app/api/uploads/route"),
    cases: await import("@/app/api/cases/route"),
    chunk: await import("@/app/api/cases/[id]/route"),
  };
});
afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Where each route can be seen to have done something. */
const state = async () =>
  JSON.stringify([
    await db.prisma.upload.count(),
    await db.prisma.caseUpload.findMany({ select: { id: true }, orderBy: { id: "asc" } }),
    readdirSync(dir, { recursive: true }).sort(),
  ]);

type Sender = (headers: Record<string, string>) => Promise<Response>;
const host = { host: "dash.example:3000" };

function senders(caseUploadId: () => number): Array<[string, Sender]> {
  return [
    [
      "POST /api/uploads",
      (headers) => {
        const form = new FormData();
        form.append("file", new Blob(["单位名称,受理量\n"]), "x.csv");
        return routes.uploads.POST(
          new Request(`${SITE}/api/uploads`, { method: "POST", body: form, headers: { ...host, ...headers } }),
        );
      },
    ],
    [
      "POST /api/cases",
      (headers) =>
        routes.cases.POST(
          new Request(`${SITE}/api/cases`, {
            method: "POST",
            headers: { ...host, "Content-Type": "application/json", ...headers },
            body: JSON.stringify({ month: "2019-10", files: [{ name: "a.csv", size: 10 }] }),
          }),
        ),
    ],
    [
      "PUT /api/cases/:id",
      (headers) =>
        routes.chunk.PUT(
          new Request(`${SITE}/api/cases/${caseUploadId()}?file=0&offset=0`, {
            method: "PUT",
            headers: { ...host, "Content-Type": "application/octet-stream", "Content-Length": "4", ...headers },
            body: new Uint8Array([1, 2, 3, 4]),
            duplex: "half",
          } as RequestInit),
          { params: Promise.resolve({ id: String(caseUploadId()) }) },
        ),
    ],
  ];
}

describe.skipIf(ON_EMBEDDED)("state-changing route handlers refuse requests from elsewhere", () => {
  let uploadId = 0;
  const routeList = senders(() => uploadId);

  beforeAll(async () => {
    as("SYSTEM_ADMIN");
    // A case upload to send a chunk to (opened from the site).
    const opened = await routeList[1]![1]({ origin: SITE });
    expect(opened.status).toBe(201);
    uploadId = ((await opened.json()) as { id: number }).id;
  });

  const refused: Array<[string, Record<string, string>]> = [
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["a foreign Origin claiming same-origin", { origin: "https://evil.example", "sec-fetch-site": "same-origin" }],
    ["Origin null", { origin: "null" }],
    ["a cross-site fetch", { "sec-fetch-site": "cross-site" }],
    ["no Origin at all", {}],
  ];

  for (const [route, send] of routeList) {
    it.each(refused)(`${route}: %s → 403, nothing changed`, async (_what, headers) => {
      as("SYSTEM_ADMIN");
      const before = await state();
      const response = await send(headers);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        error: "请求不是从本站页面发出的（来源不符），已拒绝，未做任何更改。请在本站页面上重新操作。",
      });
      expect(await state()).toBe(before);
    });
  }

  it("the refusal is in English when sent from an English page", async () => {
    as("SYSTEM_ADMIN");
    const response = await routeList[0]![1]({ origin: "https://evil.example", referer: `${SITE}/en/admin/upload` });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toMatch(/^Refused: the request was not sent/);
  });

  it("from the site's page each works", async () => {
    as("SYSTEM_ADMIN");
    const [uploads, cases, chunk] = routeList.map(([, send]) => send);
    // The annex upload reads the file and answers on it (422: not a known layout): not refused.
    const staged = await uploads!({ origin: SITE, "sec-fetch-site": "same-origin" });
    expect(staged.status).toBe(422);
    const before = await db.prisma.caseUpload.count();
    expect((await cases!({ "sec-fetch-site": "same-origin" })).status).toBe(201);
    expect(await db.prisma.caseUpload.count()).toBe(before + 1);
    const put = await chunk!({ origin: SITE });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { received: number }).received).toBe(4);
  });
});
