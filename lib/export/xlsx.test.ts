// The annexes' .xlsx, written from a seeded database exactly as the download route writes it,
// read back through the upload path (parseUploadFile): identical figures to 2021-06.json.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseUploadFile } from "@/lib/annex-upload/parse";
import { errorsOf, expectReferenceUnits } from "@/lib/annex-upload/parse/test-support";
import { seedDatabase } from "@/lib/demo-data/seed-database";
import { annexXlsx } from "@/lib/export/xlsx";
import { loadMonths, type MonthData } from "@/lib/month-versions/month-data";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";

let db: TestDatabase;
let june: MonthData;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db.prisma, { demoMonths: 0, demoUsers: false });
  [june] = (await loadMonths(db.prisma, ["2021-06"])) as [MonthData];
});
afterAll(() => db?.drop());

describe("annexes.xlsx round trip", () => {
  it("both annexes in one workbook read back to the reference figures", async () => {
    const file = await annexXlsx("2021-06", june.rows);
    expect(file.fileName).toBe("达州市一体化政务服务平台运行情况表_附件1-2_2021-06.xlsx");
    const result = await parseUploadFile({ fileName: file.fileName, bytes: file.bytes, expectedMonth: "2021-06" });
    expect(result.month).toBe("2021-06");
    expect(errorsOf(result)).toEqual([]);
    expectReferenceUnits(result);
    expect(result.files[0]!.tables.map((t) => [t.sheet, t.layout, t.rows])).toEqual([
      ["附件1 市级部门", "annex", 41],
      ["附件2 县（市、区）", "annex", 8],
    ]);
  });

  it("one annex alone (the table export) reads back too", async () => {
    const file = await annexXlsx("2021-06", june.rows, ["DISTRICT"]);
    expect(file.fileName).toBe("附件2_达州市一体化政务服务平台县（市、区）运行情况表_2021-06.xlsx");
    const result = await parseUploadFile({ fileName: file.fileName, bytes: file.bytes, expectedMonth: "2021-06" });
    expect(errorsOf(result)).toEqual([]);
    expectReferenceUnits(result, ["DISTRICT"]);
  });
});
