// In Chromium against the built app: an unknown unit name holding a quote (市"测试"局) is
// mapped in the upload preview like any other. Before, the select's field name carried the
// name, the browser sent it as 市%22测试%22局, and the mapping never applied. Stages on its own
// month, 2019-11, and publishes nothing.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { annexWorkbookFiles } from "@/lib/annex-upload/parse";
import { referenceMonthFromJson } from "../lib/indicators";
import { storageStateOf } from "./accounts";
import { fromSite } from "./same-origin";

const MONTH = "2019-11";
const QUOTED = '市"测试"局';
const reference = referenceMonthFromJson(
  JSON.parse(readFileSync(new URL("../prisma/reference/2021-06.json", import.meta.url), "utf8")),
);

test.use({ storageState: storageStateOf("admin") });

test(`an unknown name ${QUOTED} is mapped to 市公安局 in the preview`, async ({ page }) => {
  const rows = reference.departments.map((r) =>
    r.unitName === "市公安局" ? { ...r, unitName: QUOTED, applied: r.applied + (Date.now() % 1000) } : r,
  );
  const [file] = await annexWorkbookFiles({ month: MONTH, tables: [{ kind: "DEPARTMENT", rows }] }, "combined");
  const staged = await page.request.post("/api/uploads", {
    multipart: {
      file: {
        name: "映射.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: Buffer.from(file!.bytes),
      },
      month: MONTH,
    },
    headers: fromSite(),
  });
  expect(staged.status()).toBe(201);
  await page.goto((await staged.json()).url);
  const problems = page.getByTestId("problems");
  await expect(problems.locator("tr[data-code=UNKNOWN_UNIT]")).toContainText(QUOTED);
  await page.getByLabel(`对应到 ${QUOTED}`).selectOption({ label: "市公安局" });
  await page.getByRole("button", { name: "应用对应并重新校验" }).click();
  await expect(problems.locator("tr[data-code=UNKNOWN_UNIT]")).toHaveCount(0);
  await expect(page.getByTestId("parsed-rows").locator("tr[data-unit=d08]")).toBeVisible();
});
