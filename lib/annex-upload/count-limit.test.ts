// Integration (real PostgreSQL): a count too big for the database's integer columns is a cell
// error when the file is staged, naming the file, sheet, row and column, never a publish that
// fails. 99999999999999999999999 staged with no error on the old code, and publishing it failed
// with "Unable to fit value into a 64-bit signed integer" on a generic error page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { annexWorkbookFiles, parseUploadFile } from "@/lib/annex-upload/parse";
import { encode, MONTH, referenceMonth, reportCsvLines, toCsvText } from "@/lib/annex-upload/parse/test-support";
import { seedDatabase } from "@/lib/demo-data/seed-database";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { stageUpload } from "./stage-upload";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db.prisma, { demoMonths: 0, demoUsers: false });
});
afterAll(() => db?.drop());

const HUGE = "99999999999999999999999";

describe("counts above 2^31 − 1", () => {
  it("a CSV with 99999999999999999999999 申请 for 宣汉县: refused at staging with the cell named, nothing written", async () => {
    const lines = reportCsvLines("DISTRICT");
    const row = lines.findIndex((l) => l[1] === "宣汉县");
    lines[row]![2] = HUGE; // 申请 (applied), column C
    const bytes = encode(toCsvText(lines), "utf-8-bom");
    const staged = await stageUpload(db.prisma, { fileName: "县.csv", bytes, uploadedById: null });
    expect(staged.kind).toBe("rejected");
    if (staged.kind !== "rejected") return;
    const errors = staged.problems.filter((p) => p.severity === "error");
    expect(errors.map((p) => [p.code, p.row, p.column?.letter, p.found])).toEqual([
      ["COUNT_TOO_LARGE", row + 1, "C", HUGE],
    ]);
    expect(errors[0]!.message).toBe(
      `文件“县.csv”，第${row + 1}行，C列“办件情况（件）·申请”：件数“${HUGE}”超过上限，应为不超过 2147483647 的非负整数（件数）。`,
    );
    expect(await db.prisma.upload.count()).toBe(0);
  });

  it("an .xlsx with 2,147,483,648 and 1e23 in count cells: both refused, 2,147,483,647 accepted", async () => {
    const rows = referenceMonth.districts.map((r) =>
      r.unitName === "宣汉县"
        ? { ...r, applied: 2 ** 31, accepted: 1e23 }
        : r.unitName === "渠县"
          ? { ...r, applied: 2 ** 31 - 1 }
          : r,
    );
    const [file] = await annexWorkbookFiles({ month: MONTH, tables: [{ kind: "DISTRICT", rows }] }, "combined");
    const staged = await stageUpload(db.prisma, { fileName: file!.fileName, bytes: file!.bytes, uploadedById: null });
    expect(staged.kind).toBe("rejected");
    if (staged.kind !== "rejected") return;
    const errors = staged.problems.filter((p) => p.severity === "error");
    expect(errors.map((p) => [p.code, p.sheet, p.column?.letter, p.found])).toEqual([
      ["COUNT_TOO_LARGE", "附件2 县（市、区）", "C", "2147483648"],
      ["COUNT_TOO_LARGE", "附件2 县（市、区）", "D", "1e+23"],
    ]);
    expect(errors[0]!.message).toMatch(
      /^文件“.+\.xlsx”，工作表“附件2 县（市、区）”，第\d+行，C列“办件情况（件）·申请”：件数“2147483648”超过上限，应为不超过 2147483647 的非负整数（件数）。$/,
    );
    const parsed = await parseUploadFile({ fileName: file!.fileName, bytes: file!.bytes });
    expect(parsed.units.find((u) => u.name === "渠县")?.values.applied).toBe(2 ** 31 - 1);
    expect(await db.prisma.upload.count()).toBe(0);
  });
});
