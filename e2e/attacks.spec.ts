// The access gate attacked as issue 9 did, over raw HTTP and in Chromium:
// every way of writing another unit's page, with plain, RSC and prefetch
// requests, as both department accounts; sign-out with requests in flight;
// a cookie copied before sign-out.

import { readFileSync } from "node:fs";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { type AccountKey, fillSignInForm, storageStateOf } from "./accounts";
import { createOfficialAccount } from "./database";
import { reference } from "./expected";

const baseURL = () => new URL(process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000");

function cookieHeader(account: AccountKey): string {
  const state = JSON.parse(readFileSync(storageStateOf(account), "utf8")) as {
    cookies: { name: string; value: string }[];
  };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

/** GET with the path sent exactly as written (no client-side normalisation). */
function send(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; location?: string }> {
  const base = baseURL();
  return new Promise((resolve, reject) => {
    const request = http.request({ host: base.hostname, port: base.port, path, method: "GET", headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          location: response.headers.location,
        }),
      );
    });
    request.on("error", reject);
    request.end();
  });
}

/**
 * rawGet, and for RSC requests as the browser's router sends them: Next 16 redirects an RSC
 * request without the right _rsc cache-busting value (computed from the router headers) to the
 * same URL with it. Followed once, so that the RSC and prefetch variants are really rendered (they
 * were only ever redirected before, and a 307 carries no figures either way).
 */
async function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const reply = await send(path, headers);
  if (headers.RSC && reply.status === 307 && /[?&]_rsc\b/.test(reply.location ?? ""))
    return send(reply.location!, headers);
  return reply;
}

const enc = (text: string) =>
  [...new TextEncoder().encode(text)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");

function variants(segments: string[]): string[] {
  const join = (parts: string[]) => `/${parts.join("/")}`;
  const out = new Set<string>([
    join(segments),
    `${join(segments)}/`,
    `${join(segments)}%2F`,
    `${join(segments)}%20`,
    `${join(segments)};x=1`,
    `/${join(segments)}`,
    join(segments).replaceAll("/", "//"),
    join(segments).replaceAll("/", "/./"),
    join(segments).replaceAll("/", "/%2e/"),
    `/x/..${join(segments)}`,
    `/x/%2e%2e${join(segments)}`,
    `/_next/static/..${join(segments)}`,
    `/_next/static/%2e%2e${join(segments)}`,
    join(segments.map(enc)),
    join(segments.map((s) => s.toUpperCase())),
  ]);
  segments.forEach((_, i) => {
    const one = (f: (s: string) => string) => join(segments.map((s, j) => (j === i ? f(s) : s)));
    out.add(one(enc));
    out.add(one((s) => enc(s[0]!) + s.slice(1)));
    out.add(one((s) => enc(enc(s))));
    out.add(one((s) => `x%2F..%2F${s}`));
    out.add(one((s) => `${s}%00`));
  });
  return [...out];
}

const HEADERS: Record<string, Record<string, string>> = {
  plain: {},
  rsc: { RSC: "1" },
  prefetch: { RSC: "1", "Next-Router-Prefetch": "1", "Next-Router-Segment-Prefetch": "/_tree" },
};

type Figures = {
  name: string;
  applied: number;
  accepted: number;
  completed: number;
  onlineApplied: number;
  activeEvaluations: number;
};
const ALL_UNITS = [...reference.annex1_departments, ...reference.annex2_districts] as Figures[];
const UNIT_CODES = [
  ...Array.from({ length: 41 }, (_, i) => `d${String(i + 1).padStart(2, "0")}`),
  ...Array.from({ length: 8 }, (_, i) => `x${String(i + 1).padStart(2, "0")}`),
];

for (const [account, own] of [
  ["gaj", "d08"],
  ["xuanhan", "x04"],
] as const) {
  test(`as ${account}: no way of writing another unit's page or a page of every unit serves its figures`, async () => {
    test.setTimeout(300_000);
    const cookie = cookieHeader(account);
    // What the account may see anyway (the city page, its own unit): figures found there are not leaks.
    const allowed = (
      await Promise.all(
        [`/2021-06`, `/2021-06/units/${own}`, `/en/2021-06`, `/en/2021-06/units/${own}`].map((p) =>
          rawGet(p, { cookie }),
        ),
      )
    )
      .map((r) => r.body)
      .join("\n");
    const markers = ALL_UNITS.filter((u) => u.name !== (account === "gaj" ? "市公安局" : "宣汉县"))
      .flatMap((u) => [u.applied, u.accepted, u.completed, u.onlineApplied, u.activeEvaluations])
      .filter((n) => n >= 1_000)
      .flatMap((n) => [n.toLocaleString("en-US")])
      .filter((m) => !allowed.includes(m));
    expect(markers.length).toBeGreaterThan(40);

    const targets: Array<{ segments: string[]; headers: string[] }> = [
      ...["municipal", "districts", "evaluations", "timeliness", "problems"].map((r) => ({
        segments: ["2021-06", r],
        headers: Object.keys(HEADERS),
      })),
      ...UNIT_CODES.filter((c) => c !== own).map((c) => ({
        segments: ["2021-06", "units", c],
        headers: c === "x04" || c === "d08" || c === "d13" ? Object.keys(HEADERS) : ["plain"],
      })),
    ];
    // The same pages in English (/en/…): every variant of the path behind the prefix, and the
    // prefix itself written every way (/EN, /%65n, /en%2F…, /en/en, /en/., the internal /zh-CN).
    const english = targets
      .filter(({ segments }) => segments[1] !== "units" || ["x04", "d08", "d13", "d01"].includes(segments[2]!))
      .flatMap(({ segments }) => [
        ...variants(["en", ...segments]),
        `/en/en/${segments.join("/")}`,
        `/en/./${segments.join("/")}`,
        `/en%2F${segments.join("%2F")}`,
        `/%65n/${segments.join("/")}`,
        `/zh-CN/${segments.join("/")}`,
        `/en/zh-CN/${segments.join("/")}`,
      ]);
    const requests = [
      ...targets.flatMap(({ segments, headers }) =>
        variants(segments).flatMap((path) => headers.map((h) => ({ path, h }))),
      ),
      ...english.flatMap((path) => ["plain", "rsc"].map((h) => ({ path, h }))),
    ];
    const leaks: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < requests.length; i += 8) {
      await Promise.all(
        requests.slice(i, i + 8).map(async ({ path, h }) => {
          const { status, body } = await rawGet(path, { cookie, ...HEADERS[h] });
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          // A plain request is never answered with a page: only an RSC refusal comes back as 200.
          if (status === 200 && h === "plain") leaks.push(`${h} ${path} → 200`);
          const found = markers.find((m) => body.includes(m));
          if (found) leaks.push(`${h} ${path} → ${status} (${found})`);
        }),
      );
    }
    expect(leaks).toEqual([]);
    // Refusals, redirects to the canonical path and not-founds only: nothing was served. (An RSC
    // refusal is a 200 whose payload is the refusal page: no figures, checked above.)
    expect(
      [...statuses.keys()].every((s) => [200, 301, 307, 308, 400, 403, 404].includes(s)),
      JSON.stringify([...statuses]),
    ).toBe(true);
    console.log(`${account}: ${requests.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  });
}

test.describe("sign-out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("holds with prefetches in flight, six times in a row, and a cookie copied before it is refused after", async ({
    page,
    context,
    playwright,
  }) => {
    test.setTimeout(180_000);
    const username = `so${Date.now() % 1_000_000}`;
    await createOfficialAccount(username, "sign-out-test-2021");
    for (let run = 1; run <= 6; run++) {
      await page.goto("/signin");
      await fillSignInForm(page, username, "sign-out-test-2021");
      await page.getByRole("button", { name: "登录" }).click();
      await page.waitForURL(/\/2021-06$/);
      const copied = await context.cookies();
      // Sign out at once, while the page's links are being prefetched.
      await page.getByRole("button", { name: "退出登录" }).click();
      await page.waitForURL(/\/signin/);
      await page.goto("/2021-06/municipal");
      await expect(page, `run ${run}`).toHaveURL(/\/signin\?callbackUrl=/);

      const replay = await playwright.request.newContext({
        baseURL: baseURL().origin,
        storageState: { cookies: copied, origins: [] },
      });
      const response = await replay.get("/2021-06/municipal", { maxRedirects: 0 });
      expect(response.status(), `copied cookie, run ${run}`).toBe(307);
      expect(response.headers().location).toContain("/signin");
      await replay.dispose();
    }
  });
});

// 三员分立 (issue 22): the audit administrator reads no figures and opens no administration page;
// the system and security administrators get no part of the audit trail — however the path is
// written, plain or as the router's RSC request.
for (const [account, targets, forbiddenMarks] of [
  [
    "auditor",
    [
      ["2021-06"],
      ["2021-06", "municipal"],
      ["2021-06", "units", "d08"],
      ["reports", "2021-06"],
      ["api", "export", "2021-06", "annex", "departments"],
      ["api", "export", "2021-06", "unit", "d08"],
      ["admin", "users"],
      ["admin", "uploads"],
      ["admin", "settings"],
      ["admin", "security"],
    ],
    "figures",
  ],
  [
    "admin",
    [
      ["admin", "audit"],
      ["api", "audit", "events.csv"],
      ["admin", "security"],
    ],
    "trail",
  ],
  ["security", [["admin", "audit"], ["api", "audit", "events.csv"], ["2021-06"], ["admin", "users"]], "trail"],
] as const) {
  test(`as ${account}: no way of writing another administrator's page serves it`, async () => {
    test.setTimeout(300_000);
    const cookie = cookieHeader(account);
    // What the audit trail's pages hold (the chain's state, the table, the CSV's header), and every
    // unit's figures.
    const marks = [
      'data-testid="audit-chain"',
      'data-testid="audit-table"',
      "id,seq,at,actor",
      'data-testid="access-settings-form"',
      'data-testid="users-table"',
      ...(forbiddenMarks === "figures"
        ? ALL_UNITS.flatMap((u) => [u.applied, u.completed])
            .filter((n) => n >= 10_000)
            .map((n) => n.toLocaleString("en-US"))
        : []),
    ];
    const requests = targets.flatMap((segments) =>
      [...variants([...segments]), ...variants(["en", ...segments])].flatMap((path) =>
        ["plain", "rsc"].map((h) => ({ path, h })),
      ),
    );
    const leaks: string[] = [];
    for (let i = 0; i < requests.length; i += 8) {
      await Promise.all(
        requests.slice(i, i + 8).map(async ({ path, h }) => {
          const { status, body } = await rawGet(path, { cookie, ...HEADERS[h] });
          if (status === 200 && h === "plain") leaks.push(`${h} ${path} → 200`);
          const found = marks.find((m) => body.includes(m));
          if (found) leaks.push(`${h} ${path} → ${status} (${found})`);
        }),
      );
    }
    expect(leaks).toEqual([]);
    expect(requests.length).toBeGreaterThan(100);
    // The marks are real: the audit administrator's own page holds them.
    const own = await rawGet("/admin/audit", { cookie: cookieHeader("auditor") });
    expect(own.status).toBe(200);
    expect(own.body).toContain('data-testid="audit-chain"');
  });
}
