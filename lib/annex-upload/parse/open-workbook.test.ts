// Opening an .xlsx through verified bytes (open-workbook.ts) and counting a sheet's rows
// while it inflates (sheet-rows.ts).
import { expect, test } from "vitest";
import { craftedWorkbook, deflatedEntry, SHEET_HEAD, SHEET_TAIL } from "./crafted-xlsx";
import { openWorkbook } from "./open-workbook";
import { SheetRowCounter } from "./sheet-rows";

const MB = 1024 * 1024;

test("an honest small crafted workbook opens, and its sheet's rows with values are what is counted", async () => {
  const rows = Array.from({ length: 10 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join(
    "",
  );
  const formatted = Array.from(
    { length: 5000 },
    (_, i) => `<row r="${i + 11}" ht="20" customHeight="1"><c r="A${i + 11}"/></row>`,
  ).join("");
  const bytes = craftedWorkbook(deflatedEntry("", SHEET_HEAD + rows + formatted + SHEET_TAIL), "表");
  const opened = await openWorkbook(bytes, { maxUnpackedBytes: 10 * MB, maxSheetRows: 10 });
  expect(opened.kind).toBe("ok");
  if (opened.kind !== "ok") return;
  expect(opened.workbook.worksheets.map((ws) => [ws.name, ws.actualRowCount])).toEqual([["表", 10]]);
  expect(opened.workbook.worksheets[0]!.getCell("A10").value).toBe(9);
  const refused = await openWorkbook(bytes, { maxUnpackedBytes: 10 * MB, maxSheetRows: 9 });
  expect(refused).toEqual({ kind: "tooManyRows", sheet: "表", atLeast: 10 });
  expect(await openWorkbook(bytes, { maxUnpackedBytes: 1000, maxSheetRows: 10 })).toMatchObject({ kind: "tooLarge" });
});

test("the row counter reads tags split across chunks, prefixed tags, and ignores empty and formatted rows", () => {
  const xml =
    '<x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row><x:row r="2"/><x:row r="3"><x:c r="A3" s="2"/></x:row>' +
    '<x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:t>a&gt;b</x:t></x:is></x:c></x:row><x:row r="5"><x:c r="A5"><x:f>SUM(A1)</x:f></x:c></x:row></x:sheetData>';
  for (const size of [1, 3, 7, 64, xml.length]) {
    const counter = new SheetRowCounter();
    const bytes = Buffer.from(xml, "latin1");
    for (let i = 0; i < bytes.length; i += size) counter.push(bytes.subarray(i, i + size));
    expect(counter.rows).toBe(3);
  }
});
