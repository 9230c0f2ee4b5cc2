import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { workbookBytes } from "./annex-workbook";
import { craftedZip, deflatedEntry } from "./crafted-xlsx";
import { buildTemplateWorkbook } from "./template";
import { referenceMonth } from "./test-support";
import { declaredUncompressedSize, readZipEntries, storedZip } from "./zip";

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

describe("readZipEntries: every entry inflated with a hard cap on the bytes produced", () => {
  const xml = `<a>${"x".repeat(10_000)}</a>`;

  test("a truthful archive reads back byte for byte, and storedZip of it opens in exceljs", async () => {
    const bytes = await workbookBytes(buildTemplateWorkbook({ month: "2021-06", units: referenceMonth.rows }));
    const read = await readZipEntries(bytes, { maxBytes: 100 * 1024 * 1024 });
    expect(read.kind).toBe("ok");
    if (read.kind !== "ok") return;
    expect(read.entries.reduce((n, e) => n + e.data.length, 0)).toBe(declaredUncompressedSize(bytes));
    const rebuilt = storedZip(read.entries);
    expect(declaredUncompressedSize(rebuilt)).toBe(declaredUncompressedSize(bytes));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(rebuilt as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(["附件数据", "通报数据"]);
  });

  test("the cap counts what is produced, not what is declared", async () => {
    const lying = craftedZip([{ ...deflatedEntry("a.xml", xml), declaredSize: 10 }]);
    expect(declaredUncompressedSize(lying)).toBe(10);
    expect(await readZipEntries(lying, { maxBytes: 5_000 })).toEqual({ kind: "tooLarge", declared: 10 });
    expect((await readZipEntries(lying, { maxBytes: 20_000 })).kind).toBe("ok");
  });

  test("an observer stops the reading", async () => {
    const bytes = craftedZip([deflatedEntry("first.xml", "<b/>"), deflatedEntry("a.xml", xml)]);
    const result = await readZipEntries(bytes, {
      maxBytes: 1e6,
      observe: (name) => (name === "a.xml" ? () => false : undefined),
    });
    expect(result).toMatchObject({ kind: "stopped", entry: "a.xml", entries: [{ name: "first.xml" }] });
  });

  test("damaged, encrypted, other methods, wrong CRC: unreadable, with the reason", async () => {
    const good = craftedZip([deflatedEntry("a.xml", xml)]);
    const badCrc = craftedZip([{ ...deflatedEntry("a.xml", xml), crc: 1 }]);
    expect(await readZipEntries(badCrc, { maxBytes: 1e6 })).toEqual({
      kind: "unreadable",
      detail: "“a.xml”校验失败（CRC）",
    });
    const encrypted = Buffer.from(good);
    encrypted.writeUInt16LE(1, encrypted.length - 22 - 46 - 5 + 8); // central directory flags
    expect(await readZipEntries(encrypted, { maxBytes: 1e6 })).toEqual({ kind: "unreadable", detail: "“a.xml”已加密" });
    const bzip2 = Buffer.from(good);
    bzip2.writeUInt16LE(12, bzip2.length - 22 - 46 - 5 + 10); // method
    expect(await readZipEntries(bzip2, { maxBytes: 1e6 })).toEqual({
      kind: "unreadable",
      detail: "“a.xml”的压缩方式 12 不受支持",
    });
    const truncated = Buffer.concat([good.subarray(0, 40), good.subarray(good.length - 22 - 46 - 5)]);
    expect((await readZipEntries(truncated, { maxBytes: 1e6 })).kind).toBe("unreadable");
  });
});
