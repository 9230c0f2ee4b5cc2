// The monthly bulletin (通报) and the pages of its sections, in the browser: an official reads
// the 2021-06 bulletin generated from the data (its figures, 图1–图4, both annexes) and
// downloads the .docx, the PDF and the annexes' .xlsx, each read back here; the 好差评, 办件超时
// and 存在的问题 pages show their figures; a department user is refused all of it; an admin
// changes a problem threshold and a remark and sees the bulletin follow.
//
// Serial: the admin's changes would otherwise race the official's reading of the problems.
import { readFile } from "node:fs/promises";
import { type Browser, expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { type AccountKey, storageStateOf } from "./accounts";

test.describe.configure({ mode: "serial" });

const MONTH = "2021-06";

/** Figures and sentences of the reference report, as the bulletin prints them (plain digits). */
const BULLETIN_SENTENCES = [
  "2021年6月，全市通过一体化政务服务平台共申请依申请政务服务事项1048053件，受理568165件，办结535548件",
  "其中，公众通过线上申请依申请政务服务事项335445件，占比32.01%",
  "市公安局、市人力资源和社会保障局、市住房公积金管理中心、市自然资源和规划局办件较好，办结件数量分别为11933件、6506件、6002件、3578件。",
  "宣汉县、开江县、大竹县办件较好，办结件数量分别为141678件、94933件、72349件。",
  "办件主动评价总数721807条（包含了批量件的办件主动评价），较上月上升172171条，满意率为100.00%，主动评价率为93.94%，较上月下降了35.09个百分点。",
  "主动评价数较多的部门为市公安局、市人力资源和社会保障局、市住房公积金管理中心、市税务局、市交通运输局，分别为：9223条、7707条、5963条、2361条、2323条",
  "超时办结件0件，按时办结率为100.00%",
];
const PROBLEMS = [
  ["（一）办件覆盖率较低。", "截至6月底，全市办件覆盖率仅为33.19%"],
  ["（二）主动评价率下降较多。", "与5月相比，全市主动评价率下降了35.09个百分点"],
  ["（三）政务服务事项目录清单未及时认领。", "截至6月底，认领率为97.80%"],
] as const;

async function pageAs(browser: Browser, account: AccountKey): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateOf(account) });
  return context.newPage();
}

async function downloadBytes(page: Page, kind: "docx" | "pdf" | "xlsx"): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(`[data-download=${kind}]`).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path!) };
}

test("an official reads the 2021-06 bulletin: figures, four charts, both annexes", async ({ page }) => {
  await page.goto(`/reports/${MONTH}`);
  const bulletin = page.getByTestId("bulletin");
  await expect(bulletin.getByRole("heading", { level: 1 })).toHaveText("政务服务事项运行情况");
  await expect(bulletin).toContainText("（2021年6月）");
  // The month compared with is demo data, and the bulletin says so.
  await expect(page.getByTestId("bulletin-notice")).toContainText("2021年5月数据为示例数据");
  const paragraphs = (await bulletin.locator("[data-bulletin-paragraph]").allInnerTexts()).join("\n");
  for (const sentence of BULLETIN_SENTENCES) expect(paragraphs).toContain(sentence);

  const problems = bulletin.locator("[data-part=problems] [data-bulletin-paragraph]");
  await expect(problems).toHaveCount(4);
  for (const [i, [lead, text]] of PROBLEMS.entries()) {
    await expect(problems.nth(i).locator("strong")).toHaveText(lead);
    await expect(problems.nth(i)).toContainText(text);
  }

  // 图1–图4 in place, drawn on the server as SVG (no chart library in the browser), each with its data table.
  for (const n of [1, 2, 3, 4]) {
    const figure = page.getByTestId(`bulletin-fig${n}`);
    await expect(figure.locator("figcaption")).toHaveText(new RegExp(`^图${n}\\.`));
    await expect(figure.locator("svg[data-figure-svg]")).toBeVisible();
    await expect(figure.locator("svg[data-figure-svg] [data-bar]").first()).toBeAttached();
  }
  await expect(page.locator("[data-figure-chart] svg[data-figure-svg]")).toHaveCount(4);
  await expect(page.getByTestId("bulletin-fig4").locator("[data-bar][data-value='31896']")).toHaveCount(1);
  await expect(page.getByTestId("bulletin-fig4").locator("[data-chart-table] tbody tr")).toHaveCount(9);
  await expect(page.getByTestId("bulletin-fig4").locator("[data-chart-table] tbody tr").first()).toContainText(
    "31,896",
  );

  // 附件1 (41 departments) and 附件2 (8 counties), cells as printed.
  const annex1 = page.getByTestId("bulletin-annex1");
  const annex2 = page.getByTestId("bulletin-annex2");
  await expect(annex1.locator("h3")).toHaveText("达州市一体化政务服务平台市级部门运行情况表（2021年6月）");
  await expect(annex1.locator("tbody tr")).toHaveCount(41);
  await expect(annex2.locator("tbody tr")).toHaveCount(8);
  const land = annex1.locator("tr[data-unit=市自然资源和规划局]");
  await expect(land.locator("[data-field=completed]")).toHaveText("3578");
  await expect(land.locator("[data-field=handlingSpeedupRate]")).toHaveText("-19.97%");
  await expect(annex2.locator("tr[data-unit=宣汉县] [data-field=activeEvaluations]")).toHaveText("130716");
  await expect(page.getByTestId("bulletin-closing")).toContainText("达州市政务服务管理局");
  await expect(page.getByTestId("bulletin-issue-line")).toHaveText("2021年7月26日印发");
});

test("an official downloads the .docx, the PDF and the annexes' .xlsx, each readable", async ({ page }) => {
  await page.goto(`/reports/${MONTH}`);

  const docx = await downloadBytes(page, "docx");
  expect(docx.name).toBe("达州市政务服务事项运行情况（2021年6月）.docx");
  expect(docx.bytes.length).toBeGreaterThan(20_000);
  const documentXml = await (await JSZip.loadAsync(docx.bytes)).file("word/document.xml")!.async("string");
  const docxText = documentXml.replace(/<[^>]+>/g, "");
  expect(docxText).toContain("1048053件");
  expect(docxText).toContain("办件主动评价总数721807条");

  const pdf = await downloadBytes(page, "pdf");
  expect(pdf.name).toBe("达州市政务服务事项运行情况（2021年6月）.pdf");
  expect(pdf.bytes.length).toBeGreaterThan(50_000);
  expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({
    data: new Uint8Array(pdf.bytes),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const first = await document.getPage(1);
  expect([first.view[2], first.view[3]].map((x) => Math.round(x ?? 0))).toEqual([595, 842]); // A4 portrait
  let pdfText = "";
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pdfText += content.items.map((item) => ("str" in item ? item.str : "")).join("");
  }
  pdfText = pdfText.replace(/\s+/g, "");
  expect(pdfText).toContain("1048053件");
  expect(pdfText).toContain("主动评价率为93.94%");
  expect(pdfText).toContain("图4.办件主动评价数情况");

  const xlsx = await downloadBytes(page, "xlsx");
  expect(xlsx.name).toBe("达州市一体化政务服务平台运行情况表_附件1-2_2021-06.xlsx");
  expect(xlsx.bytes.length).toBeGreaterThan(8_000);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(["附件1 市级部门", "附件2 县（市、区）"]);
  const departments = workbook.getWorksheet("附件1 市级部门")!;
  const police = departments.getRows(1, departments.rowCount)!.find((row) => row.getCell(2).value === "市公安局")!;
  expect(police.getCell(1).value).toBe(8);
  expect(police.getCell(5).value).toBe(11933); // 办件情况 · 办结
  expect(departments.getCell("A2").value).toBe("达州市一体化政务服务平台市级部门运行情况表（2021年 6月）");

  // The responses themselves: types, a Chinese file name, never shared-cached.
  for (const [file, type] of [
    ["bulletin.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["bulletin.pdf", "application/pdf"],
    ["annexes.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  ] as const) {
    const response = await page.request.get(`/api/reports/${MONTH}/${file}`);
    expect(response.status(), file).toBe(200);
    expect(response.headers()["content-type"]).toBe(type);
    expect(response.headers()["content-disposition"]).toMatch(
      /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''%E8%BE%BE/,
    );
    expect(response.headers()["cache-control"]).toMatch(/private/);
  }
  // The annex table's own XLSX export (附件2 alone).
  const annex2 = await page.request.get(`/api/export/${MONTH}/annex/districts?format=xlsx`);
  expect(annex2.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const book2 = new ExcelJS.Workbook();
  await book2.xlsx.load((await annex2.body()) as unknown as ArrayBuffer);
  expect(book2.worksheets.map((s) => s.name)).toEqual(["附件2 县（市、区）"]);
});

test("好差评, 办件超时 and 存在的问题 show their figures", async ({ page }) => {
  await page.goto(`/${MONTH}/evaluations`);
  await expect(page.getByTestId("evaluations-lead")).toContainText("办件主动评价总数 721,807条");
  await expect(page.getByTestId("kpi-activeEvaluations").locator("[data-kpi-value]")).toHaveText("721,807条");
  await expect(page.getByTestId("kpi-activeEvaluations")).toContainText("+172,171条");
  await expect(page.getByTestId("kpi-satisfactionRate").locator("[data-kpi-value]")).toHaveText("100.00%");
  await expect(page.getByTestId("kpi-activeEvaluationRate").locator("[data-kpi-value]")).toHaveText("93.94%");
  await expect(page.getByTestId("kpi-activeEvaluationRate")).toContainText("−35.09个百分点");
  const scopes = page.getByTestId("evaluation-scopes");
  await expect(scopes.locator("tbody tr")).toHaveCount(9);
  await expect(scopes.locator("tr[data-code=municipal] [data-field=activeEvaluationRate]")).toHaveText("91.28%");
  await expect(scopes.locator("tr[data-unit=通川区] [data-field=activeEvaluations]")).toHaveText("167,275");
  await expect(scopes.locator("tr[data-unit=达州高新区] [data-field=activeEvaluationRate]")).toHaveText("194.71%");
  const top = page.getByTestId("evaluation-top-departments").locator("tbody tr");
  await expect(top.nth(0)).toHaveAttribute("data-unit", "市公安局");
  await expect(top.nth(0).locator("[data-field=activeEvaluationRate]")).toHaveText("77.29%");
  // The five departments the bulletin names carry its stated rates; the others have none (no
  // 办结件总数（包含批量件）), never one over this month's completions.
  await expect(top.nth(0).locator("[data-basis]")).toHaveText("通报所载");
  await expect(top.nth(5).locator("[data-basis]")).toHaveAttribute("data-basis", "noInclBatch");
  await expect(top.nth(5).locator("[data-field=activeEvaluationRate]")).toHaveText("—");
  await expect(top.nth(3).locator("[data-field=activeEvaluationRate]")).toHaveText("238.00%");
  await expect(page.getByTestId("figure-4").locator("svg[data-figure-svg] [data-bar]").first()).toBeAttached();

  await page.goto(`/${MONTH}/timeliness`);
  await expect(page.getByTestId("timeliness-lead")).toHaveText(
    "2021年6月，全市一体化政务服务平台超时办结件 0件，按时办结率 100.00%。",
  );
  await expect(page.getByTestId("kpi-city-onTimeCompletionRate").locator("[data-kpi-value]")).toHaveText("100.00%");
  await expect(page.getByTestId("overdue-units-none")).toBeVisible();
  await expect(page.getByTestId("timeliness-trend-overdue").locator(".recharts-wrapper")).toBeVisible();

  await page.goto(`/${MONTH}/problems`);
  const list = page.getByTestId("problems-list").locator("li");
  await expect(list).toHaveCount(4);
  for (const [i, [lead, text]] of PROBLEMS.entries()) {
    await expect(list.nth(i)).toContainText(lead);
    await expect(list.nth(i)).toContainText(text);
  }
  await expect(list.nth(3)).toContainText("共13个单位在一体化政务服务平台上无办件");
  await expect(page.getByTestId("problem-rules").locator("tr[data-rule=evaluationRateDrop]")).toContainText(
    "10.00个百分点",
  );
});

test("a department user reads the bulletin as sent on paper, not the section pages; an admin can close it", async ({
  browser,
}) => {
  const page = await pageAs(browser, "gaj");
  // The access rules are the security administrator's (三员分立, issue 22).
  const security = await pageAs(browser, "security");
  const setRule = async (on: boolean) => {
    await security.goto("/admin/security");
    const form = security.getByTestId("access-settings-form");
    await form.getByRole("checkbox").setChecked(on);
    await form.getByRole("button", { name: "保存访问规则" }).click();
    await expect(form.getByTestId("form-message")).toHaveText(/访问规则已保存|访问规则没有变化/);
  };
  // On by default: the bulletin, with every unit's rows, and its three downloads.
  const bulletin = await page.goto(`/reports/${MONTH}`);
  expect(bulletin?.status()).toBe(200);
  await expect(page.locator("body")).toContainText("721807");
  await page.goto(`/${MONTH}/units/d08`);
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "月度通报" })).toBeVisible();
  for (const file of ["bulletin.docx", "bulletin.pdf", "annexes.xlsx"]) {
    expect((await page.request.get(`/api/reports/${MONTH}/${file}`)).status(), file).toBe(200);
  }
  // The interactive pages of every unit stay closed.
  for (const path of [`/${MONTH}/evaluations`, `/${MONTH}/timeliness`, `/${MONTH}/problems`, `/${MONTH}/municipal`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByTestId("forbidden")).toHaveText("无权访问");
    await expect(page.locator("body")).not.toContainText("721807");
  }
  expect((await page.request.get(`/api/export/${MONTH}/annex/departments?format=xlsx`)).status()).toBe(403);

  await setRule(false);
  try {
    const refused = await page.goto(`/reports/${MONTH}`);
    expect(refused?.status()).toBe(403);
    await expect(page.locator("body")).not.toContainText("721807");
    for (const file of ["bulletin.docx", "bulletin.pdf", "annexes.xlsx"]) {
      const response = await page.request.get(`/api/reports/${MONTH}/${file}`);
      expect(response.status(), file).toBe(403);
      expect(response.headers()["content-type"]).toMatch(/json/);
    }
    // Nor is the link offered.
    await page.goto(`/${MONTH}/units/d08`);
    await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "月度通报" })).toHaveCount(
      0,
    );
  } finally {
    await setRule(true);
  }
  await page.context().close();
  await security.context().close();
});

test("an admin changes a threshold and a remark; the problems and the bulletin follow", async ({ browser }) => {
  const admin = await pageAs(browser, "admin");
  const setThreshold = async (points: string) => {
    await admin.goto("/admin/settings");
    const form = admin.getByTestId("problem-settings-form");
    await form.getByRole("textbox", { name: /主动评价率较上月下降超过/ }).fill(points);
    await form.getByRole("button", { name: "保存" }).click();
    await expect(form.getByTestId("form-message")).toHaveText(/已保存|未作修改/);
  };

  // An invalid value is refused with a message, and nothing changes.
  await admin.goto("/admin/settings");
  const form = admin.getByTestId("problem-settings-form");
  await form.getByRole("textbox", { name: /主动评价率较上月下降超过/ }).fill("-5");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(form.locator("[data-field-error=evaluationRateDropAbove]")).toHaveText("主动评价率降幅阈值不能小于 0");

  // A 35.09-point drop is not above 40: the problem goes, from the page and from the bulletin.
  try {
    await setThreshold("40");
    await admin.goto(`/${MONTH}/problems`);
    await expect(admin.getByTestId("problems-list").locator("li")).toHaveCount(3);
    await expect(admin.getByTestId("problems-list")).not.toContainText("主动评价率下降较多");
    await expect(admin.getByTestId("problem-rules").locator("tr[data-rule=evaluationRateDrop]")).toHaveAttribute(
      "data-status",
      "notFound",
    );
    await admin.goto(`/reports/${MONTH}`);
    await expect(admin.locator("[data-part=problems] [data-bulletin-paragraph]")).toHaveCount(3);
    await expect(admin.locator("[data-part=problems]")).toContainText("（二）政务服务事项目录清单未及时认领。");
    // The audit log is the audit administrator's (三员分立, issue 22).
    const auditor = await pageAs(browser, "auditor");
    await auditor.goto("/admin/audit");
    await expect(auditor.getByTestId("audit-table").locator("tr[data-action='settings.update']").first()).toContainText(
      "evaluationRateDropAbove",
    );
    await auditor.context().close();
  } finally {
    await setThreshold("10");
  }
  await admin.goto(`/${MONTH}/problems`);
  await expect(admin.getByTestId("problems-list").locator("li")).toHaveCount(4);

  // A remark, saved as a new version, printed in the bulletin; the figures stay the data's.
  // The report's own addition before the default remark (which the form starts from).
  const addition = `与其他市州相比，仍有较大差距（测试 ${Date.now() % 100000}）。`;
  const remark = `${addition}各地各部门要严格按照应录尽录、实时录入要求，采取相关措施，补齐短板，有效提升平台办件覆盖率。`;
  await admin.goto(`/admin/reports/${MONTH}`);
  const texts = admin.getByTestId("bulletin-texts-form");
  const before = await admin
    .getByTestId("bulletin-versions")
    .locator("tbody tr")
    .count()
    .catch(() => 0);
  await texts.locator("[data-remark=lowCoverage] textarea").fill(remark);
  await texts.getByRole("button", { name: "保存为新版本" }).click();
  await expect(texts.getByTestId("form-message")).toHaveText(/^已保存为第 \d+ 版，通报已更新。$/);
  await expect(admin.getByTestId("bulletin-versions").locator("tbody tr")).toHaveCount(before + 1);
  await expect(
    admin.getByTestId("bulletin-versions").locator("tbody tr").first().locator("[data-changes]"),
  ).toContainText("办件覆盖率较低");
  await admin.goto(`/reports/${MONTH}`);
  const coverage = admin.locator("[data-part=problems] [data-bulletin-paragraph]").first();
  await expect(coverage).toContainText(`全市办件覆盖率仅为33.19%`);
  await expect(coverage).toContainText(`宣汉县（37.35%）。${remark}`);
  // The official sees it too, and in the Word file.
  const official = await pageAs(browser, "official");
  await official.goto(`/reports/${MONTH}`);
  await expect(official.getByTestId("bulletin")).toContainText(remark);
  const docx = await official.request.get(`/api/reports/${MONTH}/bulletin.docx`);
  const xml = await (await JSZip.loadAsync(await docx.body())).file("word/document.xml")!.async("string");
  expect(xml.replace(/<[^>]+>/g, "")).toContain(remark);
  await official.context().close();
  await admin.context().close();
});
