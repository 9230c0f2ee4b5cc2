// The access gate attacked as issue 9 did, over raw HTTP and in Chromium:
// every way of writing another unit's page, with plain, RSC and prefetch
// requests, as both department accounts — its figures, and its 整改 task, the
// evidence attached to it and the board's export (issue 21), with the 整改
// actions posted on it; sign-out with requests in flight; a cookie copied
// before sign-out.

import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { type Browser, expect, test } from "@playwright/test";
import { fillSignInForm, storageStateOf } from "./accounts";
import { createOfficialAccount, withDatabase } from "./database";
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

// 整改 (issue 21): each department account's unit has a task (a red card's, written straight into
// the table as e2e/supervision-cases.ts writes its cases; a month no other spec counts tasks of)
// that the unit answered through its page with a PDF. What identifies it — the case number, the
// answer's text, the PDF's bytes — must never reach the other account.
type RectificationTarget = { taskId: number; attachmentId: number; version: number; marks: string[] };
const RECTIFICATION_MONTH = "2020-05";
const rectificationTargets = new Map<"gaj" | "xuanhan", Promise<RectificationTarget>>();

function rectificationTarget(browser: Browser, account: "gaj" | "xuanhan"): Promise<RectificationTarget> {
  let target = rectificationTargets.get(account);
  if (!target) {
    target = arrangeRectificationTarget(browser, account);
    rectificationTargets.set(account, target);
  }
  return target;
}

async function arrangeRectificationTarget(browser: Browser, account: "gaj" | "xuanhan"): Promise<RectificationTarget> {
  const unit = account === "gaj" ? "d08" : "x04";
  const caseNo = `E2E-ATTACK-${unit.toUpperCase()}`;
  const text = `整改攻击标记-${unit}`;
  const pdf = Buffer.from(`%PDF-1.4\n% e2e-attack-evidence-${unit}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
  const taskId = await withDatabase(async (db) => {
    await db.query(
      `INSERT INTO "RectificationTask" ("key", "kind", "month", "unitId", "caseNo", "dueDate", "updatedAt")
       SELECT $1, 'RED_CARD', $2, u."id", $3, $4::date, now() FROM "Unit" u WHERE u."code" = $5
       ON CONFLICT ("key") DO NOTHING`,
      [`RED_CARD:${caseNo}:${RECTIFICATION_MONTH}`, RECTIFICATION_MONTH, caseNo, `${RECTIFICATION_MONTH}-20`, unit],
    );
    return (
      await db.query<{ id: number }>(`SELECT "id" FROM "RectificationTask" WHERE "key" = $1`, [
        `RED_CARD:${caseNo}:${RECTIFICATION_MONTH}`,
      ])
    ).rows[0]!.id;
  });
  const attachment = () =>
    withDatabase(
      async (db) =>
        (
          await db.query<{ id: number; version: number }>(
            `SELECT a."id", t."version" FROM "RectificationAttachment" a JOIN "RectificationTask" t ON t."id" = a."taskId"
             WHERE a."taskId" = $1 ORDER BY a."id" LIMIT 1`,
            [taskId],
          )
        ).rows[0],
    );
  if (!(await attachment())) {
    // The unit answers its own task as its users do, with the evidence.
    const context = await browser.newContext({ storageState: storageStateOf(account) });
    const page = await context.newPage();
    await page.goto(`/rectification/tasks/${taskId}`);
    const form = page.getByTestId("answer-form");
    await form.getByTestId("answer-reason").selectOption("other");
    await form.getByTestId("answer-text").fill(text);
    await form
      .getByTestId("answer-files")
      .setInputFiles({ name: "佐证.pdf", mimeType: "application/pdf", buffer: pdf });
    await form.getByTestId("answer-submit").click();
    await expect(page.getByTestId("task-page")).toHaveAttribute("data-status", "ANSWERED", { timeout: 30_000 });
    await context.close();
  }
  const stored = (await attachment())!;
  return {
    taskId,
    attachmentId: stored.id,
    version: stored.version,
    marks: [caseNo, text, `e2e-attack-evidence-${unit}`],
  };
}

/** The 整改 paths of another unit's task, refused however written (GET). */
function rectificationPaths(other: RectificationTarget): Array<{ segments: string[]; headers: string[] }> {
  return [
    { segments: ["rectification", "tasks", String(other.taskId)], headers: Object.keys(HEADERS) },
    { segments: ["api", "rectification", "attachments", String(other.attachmentId)], headers: ["plain", "rsc"] },
    // The board's export is the reviewers': no department has it, of any unit.
    { segments: ["api", "rectification", "board.xlsx"], headers: ["plain"] },
  ];
}

/** The English page of a path (/en/…): every variant behind the prefix, and the prefix written every way. */
function englishVariants(segments: string[]): string[] {
  return [
    ...variants(["en", ...segments]),
    `/en/en/${segments.join("/")}`,
    `/en/./${segments.join("/")}`,
    `/en%2F${segments.join("%2F")}`,
    `/%65n/${segments.join("/")}`,
    `/zh-CN/${segments.join("/")}`,
    `/en/zh-CN/${segments.join("/")}`,
  ];
}

/**
 * Sends every request (8 at a time) and returns what leaked: a plain request answered 200 (only an
 * RSC refusal comes back as 200) unless the pages are the account's own, or any answer holding a
 * marker; and how often each status came.
 */
async function sweep(
  requests: Array<{ path: string; h: string }>,
  cookie: string,
  markers: readonly string[],
  {
    own = false,
    headers = {},
  }: {
    /** A 200 that is the account's own page (true: every path; a function: the paths it names). */
    own?: boolean | ((path: string) => boolean);
    /** Sent with every request besides the cookie (e.g. the cards' test clock). */
    headers?: Record<string, string>;
  } = {},
): Promise<{ leaks: string[]; statuses: Map<number, number> }> {
  const leaks: string[] = [];
  const statuses = new Map<number, number>();
  const isOwn = typeof own === "function" ? own : () => own;
  for (let i = 0; i < requests.length; i += 8) {
    await Promise.all(
      requests.slice(i, i + 8).map(async ({ path, h }) => {
        const { status, body } = await rawGet(path, { cookie, ...headers, ...HEADERS[h] });
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 200 && h === "plain" && !isOwn(path)) leaks.push(`${h} ${path} → 200`);
        const found = markers.find((m) => body.includes(m));
        if (found) leaks.push(`${h} ${path} → ${status} (${found})`);
      }),
    );
  }
  return { leaks, statuses };
}

/** Refusals, redirects to the canonical path and not-founds only. (An RSC refusal is a 200 whose payload is the refusal page.) */
const REFUSED = [200, 301, 307, 308, 400, 403, 404];

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
      .flatMap(({ segments }) => englishVariants(segments));
    const requests = [
      ...targets.flatMap(({ segments, headers }) =>
        variants(segments).flatMap((path) => headers.map((h) => ({ path, h }))),
      ),
      ...english.flatMap((path) => ["plain", "rsc"].map((h) => ({ path, h }))),
    ];
    const { leaks, statuses } = await sweep(requests, cookie, markers);
    expect(leaks).toEqual([]);
    // Nothing was served. (An RSC refusal is a 200 whose payload is the refusal page: no figures, checked above.)
    expect(
      [...statuses.keys()].every((s) => REFUSED.includes(s)),
      JSON.stringify([...statuses]),
    ).toBe(true);
    console.log(`${account}: ${requests.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  });

  // 整改 (issue 21): the other unit's task, its evidence and the board's export, with the same
  // builder; the unit's own list and count with queries naming the other unit.
  test(`as ${account}: no way of writing another unit's 整改 task, its evidence or the board's export serves them`, async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const cookie = cookieHeader(account);
    const other = await rectificationTarget(browser, account === "gaj" ? "xuanhan" : "gaj");
    const otherUnit = own === "d08" ? "x04" : "d08";
    const targets = rectificationPaths(other);
    const requests = [
      ...targets.flatMap(({ segments, headers }) =>
        variants(segments).flatMap((path) => headers.map((h) => ({ path, h }))),
      ),
      ...targets
        .flatMap(({ segments }) => englishVariants(segments))
        .flatMap((path) => ["plain", "rsc"].map((h) => ({ path, h }))),
      // A query naming the other unit or its task changes nothing.
      ...[
        `/rectification/tasks/${other.taskId}?unit=${otherUnit}`,
        `/api/rectification/attachments/${other.attachmentId}?task=${other.taskId}`,
        `/api/rectification/board.xlsx?month=${RECTIFICATION_MONTH}&unit=${otherUnit}`,
      ].map((path) => ({ path, h: "plain" })),
    ];
    const { leaks, statuses } = await sweep(requests, cookie, other.marks);
    expect(leaks).toEqual([]);
    expect(
      [...statuses.keys()].every((s) => REFUSED.includes(s)),
      JSON.stringify([...statuses]),
    ).toBe(true);

    // The unit's own 整改 pages and the header's count answer (200), with its own tasks only,
    // whichever unit, month or task the query names.
    const ownPages = [
      ...variants(["rectification"]),
      ...variants(["en", "rectification"]),
      ...variants(["api", "rectification", "waiting"]),
    ].flatMap((path) => [
      { path, h: "rsc" },
      {
        path: `${path}?month=${RECTIFICATION_MONTH}&unit=${otherUnit}&kind=RED_CARD&status=ANSWERED&tasks=1`,
        h: "plain",
      },
    ]);
    expect((await sweep(ownPages, cookie, other.marks, { own: true })).leaks).toEqual([]);
    // The check can fail: the unit's own list names its own task.
    const mine = await rectificationTarget(browser, account);
    const list = await rawGet(`/rectification?month=${RECTIFICATION_MONTH}`, { cookie });
    expect(list.status).toBe(200);
    expect(list.body).toContain(`data-task="${mine.taskId}"`);
    console.log(
      `${account} 整改: ${requests.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${ownPages.length} of its own`,
    );
  });
}

// Supervision (issue 20): the board, the wall, their data routes and another unit's cards, as
// either department account, every way of writing them. Cards of both units are written for a
// day of a month no other spec supervises (2018-09-12, Wednesday) and read with the cards' test
// clock (lib/supervision/cards/test-clock.ts), so that each request has the other unit's case
// numbers to leak and no other spec's counts move.
const ATTACK_DAY = "2018-09-12";
const ATTACK_PREFIX = "E2E-ATK-";

/** The 预警 pages' cached versions of the attack's day, every way of writing them, in both languages. */
function cachedVersions(other: string, own: string): string[] {
  return [
    ...localeVariants(["warnings", "view", other, ATTACK_DAY]),
    ...localeVariants(["warnings", "view", "all", ATTACK_DAY]),
    ...localeVariants(["warnings", "board", "view", ATTACK_DAY]),
    ...variants(["warnings", "view", own, ATTACK_DAY]),
    `/warnings/view/${other}/${ATTACK_DAY}?unit=${other}`,
  ];
}
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
        // The cached versions by audience and day (pageForViewer): only the proxy leads there, from
        // the session's own audience; asked for directly, even the account's own is refused.
        ...cachedVersions(other, own),
      ].flatMap((path) => ["plain", "rsc"].map((h) => ({ path, h })));
      // A filter the page does not read (a repeated or malformed unit) shows the account's own page.
      const ownPageAnyway = new RegExp(
        `^/(warnings|api/warnings/cards\\.csv)\\?unit=(${otherUpper}|${other}%00|${other}&unit=${own}|${own}&unit=${other})$`,
      );
      const { leaks, statuses } = await sweep(requests, cookie, marks, {
        own: (path) => ownPageAnyway.test(path),
        headers: { [TEST_CLOCK_HEADER]: ATTACK_DAY },
      });
      expect(leaks).toEqual([]);
      expect(requests.length).toBeGreaterThan(300);
      // Signed out, or as the account: the versions' plain paths are unknown (404), with no marks.
      for (const path of [`/warnings/view/${own}/${ATTACK_DAY}`, `/warnings/view/all/${ATTACK_DAY}`]) {
        for (const headers of [clock, { [TEST_CLOCK_HEADER]: ATTACK_DAY }]) {
          const { status, body } = await rawGet(path, headers);
          expect(status, path).toBe(404);
          for (const caseNo of [...mine, ...theirs]) expect(body).not.toContain(caseNo);
        }
      }
      console.log(
        `${account}, supervision: ${requests.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
    } finally {
      await removeCardCases(ATTACK_PREFIX);
    }
  });
}

// 整改's server actions posted on another unit's task, as the other department and signed out,
// on every 整改 page: the answer (its id from the build's manifest, as case-record-attacks.spec.ts
// does), the review (a reviewer's) and the due-days setting (an admin's). On the task's page the
// answer and the review run (and refuse: 200 with the refusal); elsewhere Next answers 409 (not
// that page's action), or the gate refuses. Nothing changes.
test("整改 actions on another unit's task change nothing (issue 21)", async ({ browser }) => {
  test.setTimeout(120_000);
  const police = await rectificationTarget(browser, "gaj");
  const mine = await rectificationTarget(browser, "xuanhan");
  const manifest = JSON.parse(
    readFileSync(path.join(process.env.NEXT_DIST_DIR ?? ".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { exportedName?: string }> };
  const idOf = (name: string) => {
    const id = Object.entries(manifest.node).find(([, v]) => v.exportedName === name)?.[0];
    expect(id, `${name} is in the build`).toBeTruthy();
    return id!;
  };
  const actions = {
    answer: idOf("answerTaskAction"),
    review: idOf("reviewTaskAction"),
    dueDays: idOf("saveDueDaysAction"),
  };
  const state = () =>
    withDatabase(async (db) => ({
      task: (await db.query(`SELECT "status", "version" FROM "RectificationTask" WHERE "id" = $1`, [police.taskId]))
        .rows[0],
      answers: Number(
        (await db.query(`SELECT count(*) AS n FROM "RectificationAnswer" WHERE "taskId" = $1`, [police.taskId])).rows[0]
          .n,
      ),
      dueDays: (await db.query(`SELECT "value" FROM "Setting" WHERE "key" = 'rectification.dueWorkingDays'`)).rows[0]
        ?.value,
    }));
  const before = await state();
  const boundary = "----attack";
  const multipart = (fields: Record<string, string>) =>
    Object.entries({ "0": '[{},"$K1"]', ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [`1_${k}`, v])) })
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join("")
      .concat(`--${boundary}--\r\n`);
  const posts = [
    [
      actions.answer,
      {
        taskId: String(police.taskId),
        version: String(police.version),
        kind: "RED_CARD",
        reason: "other",
        text: "冒名回告",
      },
    ],
    [
      actions.answer,
      {
        taskId: String(police.taskId),
        version: String(police.version),
        kind: "PROBLEM",
        found: "x",
        done: "x",
        planned: "x",
      },
    ],
    [
      actions.review,
      { taskId: String(police.taskId), version: String(police.version), decision: "CLOSED", comment: "" },
    ],
    [
      actions.review,
      { taskId: String(police.taskId), version: String(police.version), decision: "RETURNED", comment: "冒名退回" },
    ],
    [actions.dueDays, { days: "1" }],
  ] as const;
  const origin = baseURL().origin;
  const statuses: string[] = [];
  for (const [who, cookie] of [
    ["xuanhan", cookieHeader("xuanhan")],
    ["signed out", ""],
  ] as const) {
    for (const target of [
      `/rectification/tasks/${police.taskId}`,
      `/rectification/tasks/${mine.taskId}`,
      "/rectification",
      `/en/rectification/tasks/${police.taskId}`,
      // Where the due-days form is (the other pages answer 409: the action is not theirs).
      "/admin/settings",
      "/",
    ]) {
      for (const [id, fields] of posts) {
        const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
          const body = multipart(fields);
          const request = http.request(
            {
              host: baseURL().hostname,
              port: baseURL().port,
              path: target,
              method: "POST",
              headers: {
                cookie,
                "Next-Action": id,
                "Content-Type": `multipart/form-data; boundary=${boundary}`,
                "Content-Length": String(Buffer.byteLength(body)),
                Accept: "text/x-component",
                Origin: origin,
              },
            },
            (response) => {
              const chunks: Buffer[] = [];
              response.on("data", (c: Buffer) => chunks.push(c));
              response.on("end", () =>
                resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
              );
            },
          );
          request.on("error", reject);
          request.end(body);
        });
        statuses.push(`${who} ${target} ${reply.status}`);
        expect([200, 303, 307, 400, 403, 404, 409], `${who} ${target} → ${reply.status}`).toContain(reply.status);
        for (const mark of police.marks) expect(reply.body, `${who} ${target}`).not.toContain(mark);
      }
    }
  }
  expect(await state()).toEqual(before);
  const byStatus = statuses.reduce<Record<string, number>>((n, line) => {
    const status = line.slice(line.lastIndexOf(" ") + 1);
    n[status] = (n[status] ?? 0) + 1;
    return n;
  }, {});
  console.log(`整改 actions: ${statuses.length} posts, statuses ${JSON.stringify(byStatus)}`);
});

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
    const { leaks } = await sweep(requests, cookie, marks);
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
    const { leaks } = await sweep(requests, cookie, marks);
    expect(leaks).toEqual([]);
    expect(requests.length).toBeGreaterThan(100);
    // The marks are real: the security administrator's own page holds them.
    const own = await rawGet("/admin/security?user=security", { cookie: cookieHeader("security") });
    expect(own.status).toBe(200);
    expect(own.body).toContain('data-testid="open-sessions"');
    expect(own.body).toContain('data-testid="security-policy-form"');
  });
}
