// The access gate attacked as issue 9 did, over raw HTTP and in Chromium:
// every way of writing another unit's page, with plain, RSC and prefetch
// requests, as both department accounts; sign-out with requests in flight;
// a cookie copied before sign-out.

import { expect, test } from "@playwright/test";
import { fillSignInForm } from "./accounts";
import { createOfficialAccount } from "./database";
import { reference } from "./expected";
import { cardCases, insertCardCases, removeCardCases, TEST_CLOCK_HEADER } from "./supervision-cases";
import { baseURL, cookieHeader, HEADERS, localeVariants, rawGet, variants } from "./url-variants";

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

// Supervision (issue 20): the board, the wall, their data routes and another unit's cards, as
// either department account, every way of writing them. Cards of both units are written for a
// day of a month no other spec supervises (2018-09-12, Wednesday) and read with the cards' test
// clock (lib/supervision/cards/test-clock.ts), so that each request has the other unit's case
// numbers to leak and no other spec's counts move.
const ATTACK_DAY = "2018-09-12";
const ATTACK_PREFIX = "E2E-ATK-";
for (const [account, own, other] of [
  ["xuanhan", "x04", "d08"],
  ["gaj", "d08", "x04"],
] as const) {
  test(`as ${account}: no way of writing the board, the wall or ${other}'s cards serves them`, async () => {
    test.setTimeout(300_000);
    await insertCardCases(ATTACK_DAY, ATTACK_PREFIX);
    try {
      const cookie = cookieHeader(account);
      const cases = cardCases(ATTACK_PREFIX);
      const theirs = account === "xuanhan" ? [cases.gajRed, cases.gajYellow] : [cases.xuanhanRed];
      const mine = account === "xuanhan" ? [cases.xuanhanRed] : [cases.gajRed, cases.gajYellow];
      const clock = { cookie, [TEST_CLOCK_HEADER]: ATTACK_DAY };
      // The marks are real: the account's own 预警 page that day lists its own cases.
      const ownPage = await rawGet("/warnings", clock);
      expect(ownPage.status).toBe(200);
      for (const caseNo of mine) expect(ownPage.body).toContain(caseNo);
      // What only the board and the wall draw, and the other unit's case numbers: none on the own page.
      const marks = [...theirs, 'data-testid="board-unit-row"', 'data-testid="wall-red"', '"cards":{'];
      for (const mark of marks) expect(ownPage.body).not.toContain(mark);
      const otherUpper = other.toUpperCase();
      const requests = [
        ...localeVariants(["warnings", "board"]),
        ...localeVariants(["wall"]),
        ...variants(["api", "warnings", "wall"]),
        ...variants(["api", "warnings", "board.csv"]),
        ...localeVariants(["warnings"], `?unit=${other}`),
        ...variants(["warnings"], `?unit=${[...other].map((c) => `%${c.charCodeAt(0).toString(16)}`).join("")}`),
        ...variants(["api", "warnings", "cards.csv"], `?unit=${other}`),
        `/warnings?unit=${other}&unit=${own}`,
        `/warnings?unit=${own}&unit=${other}`,
        `/warnings?unit=${otherUpper}`,
        `/warnings?unit=${other}%00`,
        `/warnings/board?unit=${own}`,
        `/api/warnings/cards.csv?unit=${otherUpper}`,
      ].flatMap((path) => ["plain", "rsc"].map((h) => ({ path, h })));
      // A filter the page does not read (a repeated or malformed unit) shows the account's own page.
      const ownPageAnyway = new RegExp(
        `^/(warnings|api/warnings/cards\\.csv)\\?unit=(${otherUpper}|${other}%00|${other}&unit=${own}|${own}&unit=${other})$`,
      );
      const leaks: string[] = [];
      const statuses = new Map<number, number>();
      for (let i = 0; i < requests.length; i += 8) {
        await Promise.all(
          requests.slice(i, i + 8).map(async ({ path, h }) => {
            const { status, body } = await rawGet(path, { ...clock, ...HEADERS[h] });
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if (status === 200 && h === "plain" && !ownPageAnyway.test(path)) leaks.push(`${h} ${path} → 200`);
            const found = marks.find((m) => body.includes(m));
            if (found) leaks.push(`${h} ${path} → ${status} (${found})`);
          }),
        );
      }
      expect(leaks).toEqual([]);
      expect(requests.length).toBeGreaterThan(300);
      console.log(
        `${account}, supervision: ${requests.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
    } finally {
      await removeCardCases(ATTACK_PREFIX);
    }
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

// Issue 22: other users' sessions are listed and ended only on the security page. A department
// user, the system administrator or the audit administrator asking for it, however written and
// whichever user it names, gets neither the list nor the end buttons; the paths that look like a
// session of someone else's under /account/sessions name nothing. (That the end action, rewritten
// to name another user's session, ends nothing: e2e/sessions.spec.ts.)
for (const account of ["gaj", "xuanhan", "admin", "auditor"] as const) {
  test(`as ${account}: no way of writing the security page or a session path shows or ends another user's sessions`, async () => {
    test.setTimeout(300_000);
    const cookie = cookieHeader(account);
    const marks = ['data-testid="open-sessions"', 'data-testid="security-policy-form"', "end-session-"];
    const targets = [
      ["admin", "security"],
      ["account", "sessions", "1"],
      ["account", "sessions", "all"],
      ["api", "session", "keepalive", "1"],
    ];
    const requests = targets.flatMap((segments) =>
      [...variants([...segments]), ...variants(["en", ...segments])].flatMap((path) =>
        ["plain", "rsc"].flatMap((h) => [
          { path, h },
          { path: `${path}?user=security`, h },
        ]),
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
    // The marks are real: the security administrator's own page holds them.
    const own = await rawGet("/admin/security?user=security", { cookie: cookieHeader("security") });
    expect(own.status).toBe(200);
    expect(own.body).toContain('data-testid="open-sessions"');
    expect(own.body).toContain('data-testid="security-policy-form"');
  });
}
