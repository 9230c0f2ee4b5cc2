// 整改 (issue 21), the whole loop as its users do it: the admin issues 2021-06; 市公安局 (gaj)
// finds its task for 办件覆盖率 42.86% on its landing page and in the header, answers with a PDF
// (a file whose content is not its extension, and one too large, are refused first, nothing
// stored); the official sends it back with a comment; gaj answers again; the official closes it
// (销号); the audit log tells each step; the board counts the month's tasks as the issued bulletin
// named them and exports them; the 2021-07 draft's section 上月通报问题整改情况 reports the same
// numbers, on the page, in the DOCX and in the PDF; 宣汉县 (xuanhan) can neither see nor open
// 市公安局's task or its evidence (every way of writing those URLs, and the actions posted on
// another unit's task, are attacked in e2e/attacks.spec.ts).
//
// Ordering: issuing 2021-06 freezes /reports/2021-06, which bulletin.spec.ts reads as a draft while
// it changes thresholds and remarks, and 2021-07 is the month next-month.spec.ts adds (it must be
// the newest month for no other spec): this spec runs in its own Playwright project
// ("rectification") after both (playwright.config.ts).
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { addWorkingDays, chinaDate } from "@/lib/rectification/due-date";
import { type AccountKey, storageStateOf } from "./accounts";
import { withDatabase } from "./database";

const MONTH = "2021-06";
const NEXT = "2021-07";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

async function pageAs(browser: Browser, account: AccountKey): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateOf(account) });
  return context.newPage();
}

const attachmentRows = () =>
  withDatabase(async (db) => Number((await db.query(`SELECT count(*) AS n FROM "RectificationAttachment"`)).rows[0].n));

/** What the issued edition names: its problems, each with its units (none: the city's own figure). */
async function issuedProblems(): Promise<{ kind: string; units: { unitCode: string; unitName: string }[] }[]> {
  return withDatabase(async (db) => {
    const { rows } = await db.query(`SELECT "document" FROM "BulletinIssue" WHERE "month" = $1 AND "edition" = 1`, [
      MONTH,
    ]);
    return (rows[0].document as { problems: { kind: string; units: { unitCode: string; unitName: string }[] }[] })
      .problems;
  });
}

async function serious(page: Page) {
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ["violations"] })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .setLegacyMode()
    .analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}

async function answer(page: Page, taskUrl: string, done: string, file?: { name: string; buffer: Buffer }) {
  await page.goto(taskUrl);
  const form = page.getByTestId("answer-form");
  await form.getByTestId("answer-found").fill("部分事项未在一体化平台受理");
  await form.getByTestId("answer-done").fill(done);
  await form.getByTestId("answer-planned").fill("每周核查办件录入情况");
  await form.getByTestId("answer-plannedBy").fill("2021-08-31");
  if (file) await form.getByTestId("answer-files").setInputFiles({ ...file, mimeType: "application/octet-stream" });
  await form.getByTestId("answer-submit").click();
}

test("the 整改 loop: issue, answer with evidence, return, answer again, close, reported in the next draft", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const admin = await pageAs(browser, "admin");
  const gaj = await pageAs(browser, "gaj");
  const official = await pageAs(browser, "official");
  const xuanhan = await pageAs(browser, "xuanhan");

  // 印发 2021-06.
  await admin.goto(`/admin/reports/${MONTH}`);
  await admin.getByTestId("issue-button").click();
  // Rendering the DOCX and PDF and opening the tasks takes a while on a busy machine.
  await expect(admin.getByTestId("bulletin-issues").locator("tr[data-edition='1']")).toBeVisible({ timeout: 90_000 });
  const issuedOn = chinaDate(new Date());

  // One task per unit per problem the edition names, one for the administration when a problem names none.
  const problems = await issuedProblems();
  const expectedTotal = problems.reduce((n, p) => n + Math.max(1, p.units.length), 0);
  const coverage = problems.find((p) => p.kind === "lowCoverage")!;
  expect(coverage.units.map((u) => u.unitName)).toContain("市公安局");
  expect(coverage.units.map((u) => u.unitName)).toContain("宣汉县");
  // Due 10 working days after the issue (the default setting), on the official calendar with the city's changes.
  const overrides = await withDatabase(
    async (db) =>
      new Map(
        (await db.query(`SELECT "date", "isWorkday" FROM "WorkCalendarOverride"`)).rows.map(
          (r: { date: Date; isWorkday: boolean }) => [r.date.toISOString().slice(0, 10), r.isWorkday] as const,
        ),
      ),
  );
  const due = addWorkingDays(issuedOn, 10, overrides);

  // gaj: its landing page lists the task with its figure, the header counts what waits for its answer.
  await gaj.goto("/");
  const own = gaj
    .getByTestId("own-tasks")
    .locator("li")
    .filter({ hasText: `${MONTH} 办件覆盖率较低 42.86%` });
  await expect(own).toHaveCount(1);
  await expect(own).toContainText(`待反馈 · 反馈期限 ${due}`);
  const taskId = Number(await own.getAttribute("data-task"));
  const waiting = await withDatabase(
    async (db) =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM "RectificationTask" t JOIN "Unit" u ON u."id" = t."unitId"
           WHERE u."code" = 'd08' AND t."status" IN ('OPEN', 'RETURNED')`,
        )
      ).rows[0].n as number,
  );
  expect(waiting).toBeGreaterThanOrEqual(1);
  await expect(gaj.getByTestId("rectification-waiting")).toHaveAttribute("data-count", String(waiting));
  await expect(gaj.getByTestId("rectification-waiting")).toHaveText(`待整改 ${waiting}`);

  // Its list: the same task, and no other unit's.
  await gaj.goto("/rectification");
  const row = gaj.locator(`[data-testid=task-table] tr[data-task='${taskId}']`);
  await expect(row).toHaveAttribute("data-unit", "d08");
  await expect(row).toHaveAttribute("data-problem", "lowCoverage");
  await expect(row.locator("[data-field=figure]")).toHaveText("42.86%");
  await expect(row).toContainText(due);
  await expect(gaj.locator("[data-testid=task-table] tbody tr:not([data-unit=d08])")).toHaveCount(0);
  const taskUrl = `/rectification/tasks/${taskId}`;
  expect(await serious(gaj), "axe: the unit's list").toEqual([]);

  // A PNG named .pdf is refused with a message; nothing is stored.
  const before = await attachmentRows();
  await answer(gaj, taskUrl, "已接入平台", { name: "整改报告.pdf", buffer: PNG });
  await expect(gaj.getByTestId("answer-form").getByTestId("form-message")).toHaveText(
    "文件“整改报告.pdf”的内容与扩展名不符。",
  );
  // A file over 5 MB, too (a name with a path in it is refused in lib/rectification's tests: a browser
  // sends only the name).
  await answer(gaj, taskUrl, "已接入平台", {
    name: "大文件.pdf",
    buffer: Buffer.concat([PDF, Buffer.alloc(6 * 1024 * 1024)]),
  });
  await expect(gaj.getByTestId("answer-form").getByTestId("form-message")).toHaveText("文件“大文件.pdf”超过 5 MB。");
  expect(await attachmentRows()).toBe(before);
  await expect(gaj.getByTestId("task-page")).toHaveAttribute("data-status", "OPEN");
  await expect(gaj.getByTestId("task-figure")).toHaveText("42.86%");
  await expect(gaj.getByTestId("task-due")).toHaveText(due);

  // The answer with its PDF.
  await answer(gaj, taskUrl, "已将全部事项接入平台", { name: "整改报告.pdf", buffer: PDF });
  await expect(gaj.getByTestId("task-page")).toHaveAttribute("data-status", "ANSWERED");
  await expect(gaj.getByTestId("task-history").locator("li[data-answer='1']")).toContainText("已将全部事项接入平台");
  expect(await attachmentRows()).toBe(before + 1);
  expect(await serious(gaj), "axe: the task").toEqual([]);
  const href = (await gaj.getByTestId("attachment-link").first().getAttribute("href"))!;
  expect(href).toMatch(/^\/api\/rectification\/attachments\/\d+$/);
  const download = await gaj.request.get(href);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect(download.headers()["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent("整改报告.pdf")}`);
  expect((await download.body()).equals(PDF)).toBe(true);

  // The official sends it back with a comment.
  await official.goto(taskUrl);
  await official.getByTestId("review-comment").fill("请补充核查清单");
  await official.getByTestId("review-return").click();
  await expect(official.getByTestId("task-page")).toHaveAttribute("data-status", "RETURNED");
  expect((await official.request.get(href)).status()).toBe(200);

  // gaj answers again (no file this time); the official closes it.
  await answer(gaj, taskUrl, "已补充核查清单");
  await expect(gaj.getByTestId("task-page")).toHaveAttribute("data-status", "ANSWERED");
  await official.goto(taskUrl);
  await official.getByTestId("review-close").click();
  await expect(official.getByTestId("task-page")).toHaveAttribute("data-status", "CLOSED");
  const history = official.getByTestId("task-history");
  await expect(history.locator("li[data-answer]")).toHaveCount(2);
  await expect(history.locator("li[data-answer='1']")).toHaveAttribute("data-decision", "RETURNED");
  await expect(history.locator("li[data-answer='1']")).toContainText("请补充核查清单");
  await expect(history.locator("li[data-answer='1']").getByTestId("attachment-link")).toHaveText("整改报告.pdf");
  await expect(history.locator("li[data-answer='2']")).toHaveAttribute("data-decision", "CLOSED");
  await expect(history.locator("li[data-answer='2']")).toContainText("已补充核查清单");
  // Closed: no form for anyone.
  await gaj.goto(taskUrl);
  await expect(gaj.getByTestId("task-page")).toHaveAttribute("data-status", "CLOSED");
  await expect(gaj.getByTestId("answer-form")).toHaveCount(0);
  await expect(gaj.getByTestId("review-form")).toHaveCount(0);
  // Every step audited, and told in words on the audit administrator's log.
  const actions = await withDatabase(async (db) =>
    (
      await db.query(
        `SELECT "action" FROM "AuditEvent" WHERE "targetType" = 'RectificationTask' AND "targetId" = $1 ORDER BY "id"`,
        [String(taskId)],
      )
    ).rows.map((r: { action: string }) => r.action),
  );
  expect(actions).toEqual([
    "rectification.create",
    "rectification.answer",
    "rectification.return",
    "rectification.answer",
    "rectification.close",
  ]);
  const auditor = await pageAs(browser, "auditor");
  for (const [action, sentence] of [
    [
      "rectification.create",
      `系统管理员 为 市公安局 开出整改任务 #${taskId}（2021年6月，办件覆盖率较低 42.86%），反馈期限 ${due}`,
    ],
    ["rectification.answer", `市公安局 提交了整改任务 #${taskId} 的第 1 次反馈（佐证材料 1 个）`],
    ["rectification.return", `市政务服务管理局领导 退回了整改任务 #${taskId} 的第 1 次反馈：请补充核查清单`],
    ["rectification.close", `市政务服务管理局领导 对整改任务 #${taskId} 销号（第 2 次反馈）`],
  ] as const) {
    await auditor.goto(`/admin/audit?action=${action}`);
    await expect(
      auditor.getByTestId("audit-table").locator(`tr[data-action='${action}'] [data-audit-sentence]`, {
        hasText: sentence,
      }),
    ).toHaveCount(1);
  }
  await auditor.context().close();

  // The board: the month's problem tasks as the edition named them, one closed, the others unanswered.
  const boardQuery = `month=${MONTH}&kind=PROBLEM&sort=status`;
  await official.goto(`/rectification?${boardQuery}`);
  const total = expectedTotal;
  const [closed, answered, returned, unanswered] = [1, 0, 0, expectedTotal - 1];
  await expect(official.getByTestId("board-summary")).toHaveText(
    `共 ${total} 项：已销号 ${closed} 项，待审核 ${answered} 项，已退回 ${returned} 项，待反馈 ${unanswered} 项。`,
  );
  await expect(official.locator("[data-testid=task-table] tbody tr")).toHaveCount(total);
  // Sorted by status: the open ones first, the closed one last.
  await expect(official.locator("[data-testid=task-table] tbody tr").last()).toHaveAttribute(
    "data-task",
    String(taskId),
  );
  await expect(official.getByTestId("by-problem").locator("li[data-problem=lowCoverage]")).toContainText(
    `共 ${coverage.units.length} 项：已销号 1 项`,
  );
  expect(await serious(official), "axe: the board").toEqual([]);
  const xlsx = await official.request.get(`/api/rectification/board.xlsx?${boardQuery}`);
  expect(xlsx.status()).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.rowCount - 1).toBe(total);
  const police = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === taskId)!;
  expect(police.getCell(2).value).toBe(MONTH);
  expect(police.getCell(3).value).toBe("市公安局");
  expect(police.getCell(4).value).toBe("办件覆盖率较低");
  expect(police.getCell(5).value).toBe("42.86%");
  expect(police.getCell(7).value).toBe(due);
  expect(police.getCell(8).value).toBe("已销号");
  expect(police.getCell(10).value).toBe(2);

  // The 2021-07 draft says the same, on the page, in its DOCX and in its PDF.
  const sentence = `6月通报的问题共形成整改任务${total}项，已销号${closed}项，待审核${answered}项，退回重新整改${returned}项，未反馈${unanswered}项。`;
  await official.goto(`/reports/${NEXT}/draft`);
  const part = official.locator("[data-part=rectification]");
  await expect(part).toContainText("上月通报问题整改情况");
  await expect(part).toContainText(sentence);
  // 宣汉县 (named for 覆盖率 too) has not answered; 市公安局 has, and is not listed.
  await expect(part).toContainText(/未反馈的单位：[^。]*宣汉县/);
  await expect(part).not.toContainText(/未反馈的单位：[^。]*市公安局/);
  const docx = await official.request.get(`/api/reports/${NEXT}/bulletin.docx?draft=1`);
  expect(docx.status()).toBe(200);
  const xml = await (await JSZip.loadAsync(await docx.body())).file("word/document.xml")!.async("string");
  expect(xml.replace(/<[^>]+>/g, "")).toContain(sentence);
  const pdf = await official.request.get(`/api/reports/${NEXT}/bulletin.pdf?draft=1`);
  expect(pdf.status()).toBe(200);
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const pdfDocument = await pdfjs.getDocument({
    data: new Uint8Array(await pdf.body()),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  let pdfText = "";
  for (let n = 1; n <= pdfDocument.numPages; n++) {
    const content = await (await pdfDocument.getPage(n)).getTextContent();
    pdfText += content.items.map((item) => ("str" in item ? item.str : "")).join("");
  }
  expect(pdfText.replace(/\s+/g, "")).toContain(sentence);

  // 宣汉县: not in its list; 市公安局's task and its evidence answer as if they did not exist.
  await xuanhan.goto("/rectification");
  await expect(xuanhan.getByTestId("board-summary")).toBeVisible();
  await expect(xuanhan.locator(`[data-testid=task-table] tr[data-task='${taskId}']`)).toHaveCount(0);
  await expect(xuanhan.locator("[data-testid=task-table] tbody tr:not([data-unit=x04])")).toHaveCount(0);
  for (const path of [taskUrl, `/en${taskUrl}`]) {
    const response = await xuanhan.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(xuanhan.locator("body"), path).not.toContainText("42.86%");
    await expect(xuanhan.locator("body"), path).not.toContainText("已补充核查清单");
  }
  const refused = await xuanhan.request.get(href, { maxRedirects: 0 });
  expect(refused.status()).toBe(404);
  expect((await refused.body()).includes(PDF)).toBe(false);
  // Departments have no board export; signed out, nothing at all.
  expect((await xuanhan.request.get(`/api/rectification/board.xlsx?month=${MONTH}`)).status()).toBe(403);
  expect((await gaj.request.get(`/api/rectification/board.xlsx?month=${MONTH}`)).status()).toBe(403);
  // A context of its own still gets the project's options (the official's sign-in): none here.
  const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const signedOutFile = await anonymous.request.get(href, { maxRedirects: 0 });
  expect(signedOutFile.status()).toBeGreaterThanOrEqual(300);
  expect((await signedOutFile.body()).includes(PDF)).toBe(false);
  const signedOut = await anonymous.newPage();
  await signedOut.goto(taskUrl);
  await expect(signedOut).toHaveURL(/\/signin/);
  await anonymous.close();

  // English: no Chinese outside names and quoted answers.
  await gaj.goto(`/en${taskUrl}`);
  await expect(gaj.getByTestId("task-problem")).toHaveText("Low case coverage");
  const chinese = await gaj.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.querySelector("main")!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement!;
      if ((el.closest("[lang]")?.getAttribute("lang") ?? "").startsWith("zh")) continue;
      if (/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(node.textContent ?? "")) found.push(node.textContent!);
    }
    return found;
  });
  expect(chinese).toEqual([]);

  // On a phone (390 px; e2e/narrow-screen.spec.ts has the board): the task, with its history, fits.
  await gaj.setViewportSize({ width: 390, height: 844 });
  for (const path of [taskUrl, `/en${taskUrl}`]) {
    await gaj.goto(path);
    await expect(gaj.getByTestId("task-history").locator("li[data-answer]")).toHaveCount(2);
    expect(await gaj.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
  }

  for (const page of [admin, gaj, official, xuanhan]) await page.context().close();
});
