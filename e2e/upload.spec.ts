// The monthly upload in the browser, as an admin: upload (progress), preview with a warning,
// acknowledge, publish, the month's pages show the new figures at once; republish a change,
// roll back on the history page and the old figure returns; a byte-identical file is refused;
// 附件1 and 附件2 as two files are one upload, one version, each file downloadable.
// It works on its own month, 2019-12 (before the seeded months, so the home page and the
// reference month 2021-06 that other specs read are untouched).
// Non-admins: 403 on the upload pages, 403/401 from POST /api/uploads.
import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { annexWorkbookFiles, buildTemplateWorkbook, workbookBytes } from "@/lib/annex-upload/parse";
import { referenceMonthFromJson } from "../lib/indicators";
import { storageStateOf } from "./accounts";

const MONTH = "2019-12";
const reference = referenceMonthFromJson(
  JSON.parse(readFileSync(new URL("../prisma/reference/2021-06.json", import.meta.url), "utf8")),
);

async function monthFile(completedOfPolice?: number): Promise<Buffer> {
  const units = reference.rows.map((r) =>
    r.unitCode === "d08" && completedOfPolice !== undefined ? { ...r, completed: completedOfPolice } : r,
  );
  return Buffer.from(await workbookBytes(buildTemplateWorkbook({ month: MONTH, units })));
}

async function upload(
  page: Page,
  name: string,
  buffer: Buffer,
  more: Array<{ name: string; buffer: Buffer }> = [],
  { progress: showsProgress = true } = {},
) {
  await page.goto("/admin/uploads");
  const form = page.getByTestId("upload-form");
  const mimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  await form.locator("input[type=file]").setInputFiles([{ name, buffer }, ...more].map((f) => ({ ...f, mimeType })));
  const progress = showsProgress
    ? page.getByTestId("upload-progress").waitFor({ state: "attached", timeout: 10_000 })
    : Promise.resolve();
  await form.getByRole("button", { name: "上传并校验" }).click();
  return progress;
}

/** Acknowledges the warnings and, when the month's bulletin would have gaps, those too. */
async function acknowledgeAll(page: Page) {
  await page.getByTestId("acknowledge").check();
  const gaps = page.getByTestId("acknowledge-gaps");
  if (await gaps.count()) await gaps.check();
}

async function policeCompleted(page: Page): Promise<string> {
  await page.goto(`/${MONTH}/units/d08`);
  // textContent: the raw figures may sit in a folded section of the unit page.
  return ((await page.locator("dd[data-field=completed]").first().textContent()) ?? "").replace(/\s+/g, " ");
}

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("upload → preview with a warning → publish → pages show it → republish → rollback", async ({ page }) => {
    test.setTimeout(120_000);
    const first = await monthFile(); // the 2021-06 figures as 2019-12 (exceljs stamps the time: new bytes each run)
    await await upload(page, "2019-12-first.xlsx", first);
    await expect(page).toHaveURL(/\/admin\/uploads\/\d+$/);
    const problems = page.getByTestId("problems");
    await expect(problems.locator("tr[data-code=COMPLETED_EXCEEDS_ACCEPTED]").first()).toBeVisible();
    await expect(problems).toContainText("警告");
    await expect(page.getByTestId("parsed-rows").locator("tr[data-unit=d08]")).toBeVisible();
    // Not acknowledged: refused, with the reason.
    await page.getByTestId("publish").click();
    await expect(page.getByTestId("form-message")).toContainText("请先确认");
    await acknowledgeAll(page);
    await page.getByTestId("publish").click();
    await expect(page).toHaveURL(new RegExp(`/admin/months/${MONTH}\\?published=\\d+`));
    await expect(page.getByTestId("published-message")).toBeVisible();
    const before = await policeCompleted(page);

    // A change to 市公安局's completions: the preview shows the cell diff; published, the
    // month's page shows the new figure at once.
    const changed = 12_345 + (Date.now() % 1000);
    await await upload(page, "2019-12-second.xlsx", await monthFile(changed));
    await expect(page).toHaveURL(/\/admin\/uploads\/\d+$/);
    const cell = page.getByTestId("diff").locator("tr[data-unit=d08][data-field=completed]");
    await expect(cell).toContainText(String(changed));
    await acknowledgeAll(page);
    await page.getByTestId("publish").click();
    await expect(page).toHaveURL(new RegExp(`/admin/months/${MONTH}\\?published=\\d+`));
    expect(await policeCompleted(page)).toContain(changed.toLocaleString("en-US"));

    // Rollback on the history page: a new version equal to the previous one.
    await page.goto(`/admin/months/${MONTH}`);
    const rows = page.getByTestId("versions-table").locator("tbody tr");
    await expect(rows.first()).toHaveAttribute("data-current", "true");
    await rows.nth(1).getByRole("button", { name: "回退到此版本" }).click();
    await expect(page.getByTestId("form-message")).toContainText("已回退");
    expect(await policeCompleted(page)).toBe(before);

    // The same bytes again: refused as a duplicate.
    // Answered at once, no preview to wait for: the bar may come and go between two looks.
    await upload(page, "again.xlsx", first, [], { progress: false });
    await expect(page.getByTestId("upload-answer")).toContainText("完全相同");

    // 附件1 and 附件2 as two files, selected together: one upload, one preview, one version.
    const units = reference.rows.map((r) => (r.unitCode === "d08" ? { ...r, completed: changed + 1 } : r));
    const tables = (["DEPARTMENT", "DISTRICT"] as const).map((kind) => ({
      kind,
      rows: units.filter((r) => r.kind === kind),
    }));
    const [annex1, annex2] = (await annexWorkbookFiles({ month: MONTH, tables }, "separate")).map((f) => ({
      name: f.fileName,
      buffer: Buffer.from(f.bytes),
    }));
    await await upload(page, annex1!.name, annex1!.buffer, [annex2!]);
    await expect(page).toHaveURL(/\/admin\/uploads\/\d+$/);
    await expect(page.getByTestId("upload-files")).toContainText(annex1!.name);
    await expect(page.getByTestId("upload-files")).toContainText(annex2!.name);
    await expect(page.getByTestId("diff").locator("tr[data-unit=d08][data-field=completed]")).toContainText(
      String(changed + 1),
    );
    await acknowledgeAll(page);
    await page.getByTestId("publish").click();
    await expect(page).toHaveURL(new RegExp(`/admin/months/${MONTH}\\?published=\\d+`));
    expect(await policeCompleted(page)).toContain((changed + 1).toLocaleString("en-US"));
    await page.goto(`/admin/months/${MONTH}`);
    const links = page.getByTestId("versions-table").locator("tbody tr").first().locator("a");
    await expect(links).toHaveText([annex1!.name, annex2!.name]);
    for (const [i, file] of [annex1!, annex2!].entries()) {
      const response = await page.request.get((await links.nth(i).getAttribute("href"))!);
      expect(response.status()).toBe(200);
      expect(Buffer.from(await response.body()).equals(file.buffer)).toBe(true);
    }
    // The same two files again, in the other order: refused as a duplicate.
    // (A refusal this quick may answer before the progress bar shows.)
    await upload(page, annex2!.name, annex2!.buffer, [annex1!], { progress: false });
    await expect(page.getByTestId("upload-answer")).toContainText("完全相同");
  });

  test("a malformed file: its problems in Chinese, as text", async ({ page }) => {
    // Refused as soon as it is read: the answer may come before the progress bar shows.
    await upload(page, "bad.xlsx", Buffer.from("<html><script>window.pwned=1</script></html>"), [], {
      progress: false,
    });
    await expect(page.getByTestId("upload-answer")).toContainText("未保存");
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  });
});

for (const account of ["official", "gaj"] as const) {
  test(`${account}: no upload page, no upload route`, async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf(account) });
    const page = await context.newPage();
    for (const path of ["/admin/uploads", "/admin/months", `/admin/months/2021-06`]) {
      expect((await page.goto(path))?.status(), path).toBe(403);
    }
    const response = await page.request.post("/api/uploads", {
      multipart: { file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n") } },
    });
    expect(response.status()).toBe(403);
    expect((await page.request.get("/api/uploads/template.xlsx")).status()).toBe(403);
    await context.close();
  });
}

test("signed out: 401 from the upload route", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const response = await context.request.post("/api/uploads", {
    multipart: { file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n") } },
  });
  expect(response.status()).toBe(401);
  await context.close();
});
