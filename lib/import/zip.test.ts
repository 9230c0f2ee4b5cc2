import { expect, test } from "vitest";
import { buildTemplateWorkbook } from "./template";
import { workbookBytes } from "./annex-workbook";
import { referenceMonth } from "./test-support";
import { declaredUncompressedSize } from "./zip";
import ExcelJS from "exceljs";

test("the declared unpacked size of an .xlsx grows with its rows, and is read without unpacking", async () => {
  const small = await workbookBytes(buildTemplateWorkbook({ month: "2021-06", units: referenceMonth.rows }));
  const units = Array.from({ length: 2000 }, (_, i) => ({ ...referenceMonth.rows[i % 49]!, unitName: `单位${i}` }));
  const large = await workbookBytes(buildTemplateWorkbook({ month: "2021-06", units }));
  const s = declaredUncompressedSize(small)!;
  const l = declaredUncompressedSize(large)!;
  expect(s).toBeGreaterThan(small.length);
  expect(l).toBeGreaterThan(s * 10);
  // The sum is what exceljs inflates: the workbook still opens.
  await new ExcelJS.Workbook().xlsx.load(Buffer.from(small) as unknown as ExcelJS.Buffer);
});

test("not a readable ZIP directory: null (the loader then reports the file)", async () => {
  const bytes = await workbookBytes(buildTemplateWorkbook({ month: "2021-06", units: [] }));
  expect(declaredUncompressedSize(bytes.subarray(0, bytes.length / 2))).toBeNull();
  expect(declaredUncompressedSize(new Uint8Array(10))).toBeNull();
  expect(declaredUncompressedSize(new TextEncoder().encode("PK\u0003\u0004 not really"))).toBeNull();
});
