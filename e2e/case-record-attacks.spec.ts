// The parts added with case records, attacked over raw HTTP as the department user 市公安局 (gaj,
// d08) and signed out: the drill-down of other units (items, an item's cases, later pages, their
// CSVs), the reconciliation page and CSV, the work calendar and the case import's pages and API —
// each written many ways (encoded and double-encoded segments, %2F, %2e%2e, look-alike letters,
// trailing slashes, ;params, the /en prefix, the internal /zh-CN tree), with forged headers
// (x-forwarded-*, x-middleware-subrequest, x-invoke-*, x-matched-path / x-now-route-matches,
// RSC, prefetch and router-state-tree headers naming another unit), Next's nxtP… route-parameter
// query, every method (GET, HEAD, POST, OPTIONS) and server actions (a made-up Next-Action id and
// a real admin action's id). Nothing of another unit or of an admin page may come back.
// The fixture month 2020-05 (test/fixtures/case-month.ts): d08 has P01 户籍迁移 (PG1–PG3), d09 has
// M01 低保 (MZ1), x04 has X01 医保 (XH1, XH2).

import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { storageStateOf } from "./accounts";
import { withDatabase } from "./database";
import { ensureReconciliationMonth, RECONCILIATION_MONTH } from "./reconciliation-month";

const MONTH = "2020-05";
const baseURL = () => new URL(process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000");

function cookieOf(account: "gaj" | null): string {
  if (!account) return "";
  const state = JSON.parse(readFileSync(storageStateOf(account), "utf8")) as {
    cookies: { name: string; value: string }[];
  };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

type Reply = { status: number; body: string; headers: http.IncomingHttpHeaders };

/** A request with the path sent exactly as written (no client-side normalisation). */
function send(method: string, target: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  const base = baseURL();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: base.hostname,
        port: base.port,
        path: target,
        method,
        headers: body ? { ...headers, "content-length": String(Buffer.byteLength(body)) } : headers,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            headers: response.headers,
          }),
        );
      },
    );
    request.on("error", reject);
    if (body) request.write(body);
    request.end();
  });
}

/**
 * As the browser's router does: an RSC request without the right _rsc cache-busting value is
 * redirected to the same URL with it (Next 16 computes it from the router headers); follow that
 * once, so that the RSC and prefetch variants are really rendered, not just redirected.
 */
async function request(method: string, target: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  const reply = await send(method, target, headers, body);
  const location = reply.headers.location ?? "";
  if (headers.RSC && reply.status === 307 && /[?&]_rsc\b/.test(location)) return send(method, location, headers, body);
  return reply;
}

const enc = (text: string) =>
  [...new TextEncoder().encode(text)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");

/** The path with every segment percent-encoded. */
const encodedAll = (target: string) => `/${target.slice(1).split("/").map(enc).join("/")}`;

/** Ways of writing a path (pages also get the language prefixes). */
function variants(target: string): string[] {
  const segments = target.slice(1).split("/");
  const page = !target.startsWith("/api/");
  const join = (parts: string[]) => `/${parts.join("/")}`;
  const out = new Set<string>([
    target,
    `${target}/`,
    `${target};x=1`,
    `${target}%2F`,
    `${target}%20`,
    `/${target}`,
    target.replaceAll("/", "%2F"),
    target.replaceAll("/", "/%2e/"),
    `/x/%2e%2e${target}`,
    `/_next/static/%2e%2e${target}`,
    target.toUpperCase(),
    encodedAll(target),
  ]);
  segments.forEach((_, i) => {
    const one = (f: (s: string) => string) => join(segments.map((s, j) => (j === i ? f(s) : s)));
    out.add(one(enc));
    out.add(one((s) => enc(enc(s))));
    out.add(one((s) => `${s}%00`));
    out.add(one((s) => `x%2F..%2F${s}`));
  });
  // Look-alikes of another unit's code (full-width ｄ, Cyrillic ԁ, full-width digit, zero-width space).
  for (const [code, alike] of [
    ["d09", "ｄ09"],
    ["d09", "ԁ09"],
    ["x04", "x０4"],
    ["d09", "d09\u200b"],
  ]) {
    if (segments.includes(code!)) out.add(target.replace(code!, enc(alike!)));
  }
  // Next's own names for a page's RSC payload and its segment prefetches.
  if (page)
    for (const suffix of [".rsc", ".segments/_tree.segment.rsc", ".segments/$d$code/__PAGE__.segment.rsc"])
      out.add(`${target}${suffix}`);
  if (page)
    for (const prefix of ["/en", "/%65n", "/en%2F", "/EN", "/zh-CN", "/en/zh-CN"])
      out.add(prefix.endsWith("%2F") ? `${prefix}${target.slice(1).replaceAll("/", "%2F")}` : `${prefix}${target}`);
  return [...out];
}

// What 市公安局 must never be served.
const OTHER_UNITS = [
  `/${MONTH}/units/d09/items`,
  `/${MONTH}/units/d09/items/M01`,
  `/${MONTH}/units/x04/items/X01`,
  `/${MONTH}/units/x04/items/X01/2`,
  `/${MONTH}/units/d09`,
  `/${MONTH}/timeliness`,
  `/api/export/${MONTH}/unit/d09/items`,
  `/api/export/${MONTH}/unit/d09/items/M01`,
  `/api/export/${MONTH}/unit/x04/items/X01`,
  `/api/export/${MONTH}/unit/d09`,
];
const ADMIN_ONLY = [
  // The month with both a case import and an uploaded annex (e2e/reconciliation-month.ts).
  `/admin/months/${RECONCILIATION_MONTH}/reconciliation`,
  `/api/months/${RECONCILIATION_MONTH}/reconciliation.csv`,
  `/api/months/${RECONCILIATION_MONTH}/reconciliation.csv?all=1`,
  "/admin/settings/calendar",
  "/admin/cases",
  "/admin/cases/1",
  "/api/cases",
  "/api/cases/1",
  "/api/cases/1/progress",
  "/api/cases/1/problems.csv",
  // The daily feed's tokens and month close (issue 20).
  "/admin/daily",
];
// Case numbers and item names of other units; the calendar's and the reconciliation's own words
// (its page and its CSV's result column and note).
const LEAK_MARKERS = ["gsd_", "MZ1", "XH1", "XH2", "低保", "医保", "调休", "核对", "不一致", "仅办件明细中有"];

/** A router state tree as the browser sends it, claiming to be on unit `code`'s items page. */
const stateTree = (code: string) =>
  encodeURIComponent(
    JSON.stringify([
      "",
      {
        children: [
          ["lang", "zh-CN", "d", null],
          {
            children: [
              ["month", MONTH, "d", null],
              {
                children: [
                  "units",
                  {
                    children: [
                      ["code", code, "d", null],
                      { children: ["items", { children: ["__PAGE__", {}, null, null, 1024] }, null, null, 1024] },
                      null,
                      null,
                      1024,
                    ],
                  },
                  null,
                  null,
                  1024,
                ],
              },
              null,
              null,
              1024,
            ],
          },
          null,
          null,
          1040,
        ],
      },
      null,
      null,
      1040,
    ]),
  );

const HEADER_SETS: Record<string, Record<string, string>> = {
  plain: {},
  rsc: { RSC: "1" },
  prefetch: { RSC: "1", "Next-Router-Prefetch": "1", "Next-Router-Segment-Prefetch": "/_tree" },
  stateTree: { RSC: "1", "Next-Router-State-Tree": stateTree("d09"), "Next-Url": `/zh-CN/${MONTH}/units/d09/items` },
  forwarded: {
    "X-Forwarded-For": "127.0.0.1",
    "X-Forwarded-Host": "evil.example",
    "X-Forwarded-Proto": "https",
    "X-Real-IP": "127.0.0.1",
  },
  // CVE-2025-29927: a request claiming to be the proxy's own subrequest skipped the proxy.
  subrequest: {
    "X-Middleware-Subrequest": "proxy:proxy:proxy:proxy:proxy",
    "X-Middleware-Rewrite": `/zh-CN/${MONTH}/units/d09/items`,
  },
  // The document gate's marker (lib/access/document-gate.ts): a request carrying it skips the proxy,
  // so only the gate may set it; a client's copy is deleted as the request arrives.
  gateDecided: { "X-Dashboard-Gate-Decided": "1" },
  gateDecidedRsc: { "X-Dashboard-Gate-Decided": "1", RSC: "1" },
  invoke: {
    "X-Invoke-Path": `/zh-CN/${MONTH}/units/d09/items`,
    "X-Invoke-Query": encodeURIComponent(JSON.stringify({ code: "d09" })),
    "X-Invoke-Output": `/zh-CN/${MONTH}/units/d09/items`,
  },
  matched: {
    "X-Matched-Path": "/[lang]/[month]/units/[code]/items",
    "X-Now-Route-Matches": `nxtPlang=zh-CN&nxtPmonth=${MONTH}&nxtPcode=d09`,
  },
};

/** Statuses a refusal may have. An RSC refusal is a 200 carrying the refusal page (checked: no markers). */
const REFUSED = new Set([301, 307, 308, 400, 401, 403, 404, 405, 409]);

/** The marker with up to 60 characters either side, on one line. */
function aroundMarker(body: string, marker: string): string {
  const at = body.indexOf(marker);
  return JSON.stringify(body.slice(Math.max(0, at - 60), at + marker.length + 60));
}

async function attack(
  cookie: string,
  targets: string[],
  allowedText: string,
): Promise<{ requests: number; leaks: string[]; odd: string[] }> {
  const markers = LEAK_MARKERS.filter((m) => !allowedText.includes(m));
  const jobs: Array<{ method: string; target: string; headers: string }> = [];
  for (const target of targets) {
    for (const v of variants(target)) jobs.push({ method: "GET", target: v, headers: "plain" });
    for (const headers of Object.keys(HEADER_SETS))
      if (headers !== "plain")
        for (const v of [target, encodedAll(target)]) jobs.push({ method: "GET", target: v, headers });
    for (const method of ["HEAD", "POST", "OPTIONS"]) jobs.push({ method, target, headers: "plain" });
    jobs.push({
      method: "GET",
      target: `${target}${target.includes("?") ? "&" : "?"}nxtPcode=d08&nxtPmonth=${MONTH}`,
      headers: "plain",
    });
  }
  const leaks: string[] = [];
  const odd: string[] = [];
  for (let i = 0; i < jobs.length; i += 8) {
    await Promise.all(
      jobs.slice(i, i + 8).map(async ({ method, target, headers }) => {
        const reply = await request(method, target, { cookie, ...HEADER_SETS[headers] });
        const found = markers.filter((m) => reply.body.includes(m));
        // With the words around each hit, so that a rare hit can be told from a leak by reading it.
        if (found.length)
          leaks.push(
            `${method} ${headers} ${target} → ${reply.status} (${found.map((m) => aroundMarker(reply.body, m)).join("; ")})`,
          );
        const rscRefusal = reply.status === 200 && (HEADER_SETS[headers]!.RSC !== undefined || /\.rsc$/.test(target));
        if (!REFUSED.has(reply.status) && !rscRefusal) odd.push(`${method} ${headers} ${target} → ${reply.status}`);
      }),
    );
  }
  return { requests: jobs.length, leaks, odd };
}

test.describe("case records attacked", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    await ensureReconciliationMonth();
  });

  test("as 市公安局: no way of asking for another unit's drill-down or an admin page of case records serves it", async () => {
    test.setTimeout(600_000);
    const cookie = cookieOf("gaj");
    // Its own pages: what is found there is no leak (e.g. a word in the shared navigation).
    const own = await Promise.all(
      [`/${MONTH}/units/d08`, `/${MONTH}/units/d08/items`, `/${MONTH}/units/d08/items/P01`].map((p) =>
        request("GET", p, { cookie }),
      ),
    );
    expect(own.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(own[2]!.body).toContain("户籍迁移");
    const { requests, leaks, odd } = await attack(
      cookie,
      [...OTHER_UNITS, ...ADMIN_ONLY],
      own.map((r) => r.body).join("\n"),
    );
    expect(leaks).toEqual([]);
    expect(odd).toEqual([]);
    console.log(`gaj: ${requests} requests, no leak`);
  });

  test("signed out: the same requests and its own unit's pages are refused or sent to sign-in", async () => {
    test.setTimeout(600_000);
    const { requests, leaks, odd } = await attack(
      "",
      [...OTHER_UNITS, ...ADMIN_ONLY, `/${MONTH}/units/d08/items/P01`, `/api/export/${MONTH}/unit/d08/items/P01`],
      "",
    );
    expect(leaks).toEqual([]);
    expect(odd).toEqual([]);
    // The markers of its own unit too: nothing at all of 2020-05 reaches a signed-out request.
    for (const target of [`/${MONTH}/units/d08/items/P01`, `/api/export/${MONTH}/unit/d08/items/P01`]) {
      for (const headers of ["plain", "rsc", "prefetch"]) {
        const reply = await request("GET", target, HEADER_SETS[headers]!);
        expect(reply.body, `${headers} ${target}`).not.toContain("PG3");
        expect([307, 401], `${headers} ${target}`).toContain(reply.status);
      }
    }
    console.log(`signed out: ${requests} requests, no leak`);
  });

  test("as 市公安局: its own pages and exports with forged route parameters still show its own unit, and only it", async () => {
    const cookie = cookieOf("gaj");
    const forged = `?nxtPcode=d09&nxtPitem=M01&nxtPmonth=${MONTH}&code=d09&item=M01`;
    for (const [target, expected] of [
      [`/${MONTH}/units/d08/items`, "户籍迁移"],
      [`/${MONTH}/units/d08/items/P01`, "PG3"],
      [`/api/export/${MONTH}/unit/d08/items`, "P01,户籍迁移"],
      [`/api/export/${MONTH}/unit/d08/items/P01`, "PG3"],
    ] as const) {
      for (const headers of Object.keys(HEADER_SETS)) {
        const reply = await request("GET", `${target}${forged}`, { cookie, ...HEADER_SETS[headers] });
        // A prefetch of the route tree carries no page content; every other answer is the own unit's.
        if (headers !== "prefetch") expect(reply.body, `${headers} ${target}`).toContain(expected);
        expect(reply.status, `${headers} ${target}`).toBe(200);
        for (const marker of LEAK_MARKERS) expect(reply.body, `${headers} ${target}`).not.toContain(marker);
      }
    }
  });

  test("server actions: a made-up Next-Action id and a real admin action's id change nothing", async () => {
    const cookie = cookieOf("gaj");
    const manifest = JSON.parse(
      readFileSync(path.join(process.env.NEXT_DIST_DIR ?? ".next", "server", "server-reference-manifest.json"), "utf8"),
    ) as {
      node: Record<string, { exportedName?: string }>;
    };
    const save = Object.entries(manifest.node).find(([, v]) => v.exportedName === "saveCalendarOverrideAction")?.[0];
    expect(save, "the calendar's save action is in the build").toBeTruthy();
    const boundary = "----attack";
    const body = [
      ["0", '[{},"$K1"]'],
      ["1_date", `${MONTH}-30`],
      ["1_isWorkday", "true"],
      ["1_note", "attack"],
    ]
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join("")
      .concat(`--${boundary}--\r\n`);
    const origin = baseURL().origin;
    for (const [who, c] of [
      ["gaj", cookie],
      ["signed out", ""],
    ] as const) {
      for (const target of [
        `/${MONTH}/units/d08/items`,
        `/${MONTH}/units/d08/items/P01`,
        "/admin/settings/calendar",
        `/admin/months/${MONTH}/reconciliation`,
        "/",
      ]) {
        for (const id of [save!, `7f${"ab".repeat(20)}`, "not-an-action"]) {
          const reply = await send(
            "POST",
            target,
            {
              cookie: c,
              "Next-Action": id,
              "Content-Type": `multipart/form-data; boundary=${boundary}`,
              Accept: "text/x-component",
              Origin: origin,
            },
            body,
          );
          expect([307, 400, 403, 404, 409], `${who} ${id.slice(0, 8)} ${target} → ${reply.status}`).toContain(
            reply.status,
          );
        }
      }
    }
    const rows = await withDatabase(
      async (db) =>
        (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "WorkCalendarOverride" WHERE "note" = 'attack'`))
          .rows[0]!.n,
    );
    expect(rows).toBe(0);
  });

  test("a month that is no month is a 404 on every drill-down page (the items page was a 500)", async () => {
    const cookie = cookieOf("gaj");
    for (const month of ["2020-13", "2020-00", "0000-00"]) {
      for (const target of [
        `/${month}/units/d08/items`,
        `/${month}/units/d08/items/P01`,
        `/${month}/units/d08/items/P01/2`,
      ]) {
        expect((await request("GET", target, { cookie })).status, target).toBe(404);
      }
    }
  });
});
