// One rendering of "no base" (issue 23, item 4): a rate whose base count is 0 — 市发展和改革委员会
// in 2021-06 has 4 completions, none promised, so its 办理提速 and 提前办结 (and the three
// online promised-case rates) have no base — reads "—" on the dashboard (components/dashboard/
// annex-table.tsx, e2e/readers.spec.ts), and the same in the bulletin's annex on its page, in
// the .docx and the .pdf, with the note saying what "—" means; the annex .xlsx shows "—" with
// the same note while keeping the platform's 0 (the upload reads it back); a CSV export leaves
// the cell empty and gives the reason in its last column. The 2021-06 report itself prints
// 0.00% in these cells (monthly-report-2021-06.txt: 市侨务办公室 … 0.00% 0.00%).
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BulletinAnnexTable } from "@/components/bulletin/bulletin-annex";
import { annexCsv } from "@/lib/dashboard/exports/annex-csv";
import { annexXlsx } from "@/lib/export/xlsx";
import { zhCN } from "@/lib/i18n/zh-CN";
import { referenceMonthFromJson } from "@/lib/indicators";
import { missingRateBase, NO_BASE_MARK } from "@/lib/indicators/rate-bases";
import { ANNEX_FIELDS } from "@/lib/indicators/types";
import reference from "@/prisma/reference/2021-06.json" with { type: "json" };
import { buildBulletin } from "../build/bulletin";
import { REFERENCE_BULLETIN_TEXTS } from "../build/texts";
import { renderBulletinDocx } from "./render-docx";
import { renderBulletinPdf } from "./render-pdf";

const ref = referenceMonthFromJson(reference);
const june = { month: "2021-06", isDemo: false, versionNumber: 1, rows: ref.rows, summaries: ref.summaries };
const bulletin = buildBulletin({ current: june, previous: null, texts: REFERENCE_BULLETIN_TEXTS });
const ndrc = ref.rows.find((r) => r.unitName === "市发展和改革委员会")!;
const NO_BASE_FIELDS = ANNEX_FIELDS.filter((f) => missingRateBase(ndrc, f));
const NOTE = "—：无计算基数（分母为0）";
// The row as the documents print it: counts, 承诺提速 (catalogue limits: it has a value), then "—".
const ROW = "2市发展和改革委员会44400063.69%——44400———411.43%";
const squash = (text: string) => text.replace(/\s+/g, "");

describe("a rate with no base reads the same everywhere", () => {
  it("is the cells of 市发展和改革委员会 that need promised cases", () => {
    expect(NO_BASE_FIELDS).toEqual([
      "handlingSpeedupRate",
      "earlyCompletionRate",
      "onlineHandlingRate",
      "onlineHandlingSpeedupRate",
      "onlineEarlyCompletionRate",
    ]);
    expect(zhCN.readers.states.noBaseNote).toBe(NOTE);
  });

  it("the bulletin's annex: — in the cell, the note under the table (both annexes where they have such cells)", () => {
    const [annex1, annex2] = bulletin.annexes;
    const row = annex1.rows.find((r) => r.name === "市发展和改革委员会")!;
    const cells = Object.fromEntries(annex1.columns.map((c, i) => [c.field, row.cells[i]]));
    for (const field of NO_BASE_FIELDS) expect([field, cells[field]]).toEqual([field, NO_BASE_MARK]);
    // A rate with a base keeps its printed value, 0.00% included where it is a real 0.
    expect(cells.promiseSpeedupRate).toBe("63.69%");
    expect(annex1.notes.at(-1)).toBe(NOTE);
    expect(annex1.notes[0]).toMatch(/^注：1．/);
    // Every district has promised cases: no mark, no note.
    expect(annex2.rows.flatMap((r) => r.cells)).not.toContain(NO_BASE_MARK);
    expect(annex2.notes).toEqual([]);
    // Nowhere in annex 1 a 0.00% for a cell without a base.
    for (const r of annex1.rows) {
      const unit = ref.rows.find((u) => u.unitName === r.name)!;
      annex1.columns.forEach((c, i) => {
        if (missingRateBase(unit, c.field)) expect(r.cells[i]).toBe(NO_BASE_MARK);
      });
    }
  });

  it("the bulletin page: the same cells, marked, and the note", () => {
    const html = renderToStaticMarkup(BulletinAnnexTable({ annex: bulletin.annexes[0] }));
    const row = html.slice(html.indexOf('data-unit="市发展和改革委员会"'));
    const rowHtml = row.slice(0, row.indexOf("</tr>"));
    for (const field of NO_BASE_FIELDS) {
      expect(rowHtml).toMatch(new RegExp(`data-field="${field}" data-no-base="true">${NO_BASE_MARK}</td>`));
    }
    expect(rowHtml).not.toContain("0.00%");
    expect(html).toContain(NOTE);
  });

  it("the .docx and the .pdf: the row with its marks, and the note", async () => {
    const zip = await JSZip.loadAsync(await renderBulletinDocx(bulletin));
    const xml = await zip.file("word/document.xml")!.async("string");
    const docx = squash([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""));
    expect(docx).toContain(ROW);
    expect(docx).toContain(squash(NOTE));

    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const pdf = await pdfjs.getDocument({
      data: new Uint8Array(await renderBulletinPdf(bulletin)),
      useSystemFonts: false,
      isEvalSupported: false,
    }).promise;
    let text = "";
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      text += squash(content.items.map((item) => ("str" in item ? item.str : "")).join(""));
    }
    expect(text).toContain(ROW);
    expect(text).toContain(squash(NOTE));
  }, 60_000);

  it("the annex .xlsx: — shown, the platform's 0 kept (the upload reads it back), the note under the table", async () => {
    const file = await annexXlsx("2021-06", ref.rows);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    let ndrcRow: ExcelJS.Row | undefined;
    const texts: string[] = [];
    sheet.eachRow((row) => {
      if (row.getCell(2).value === "市发展和改革委员会") ndrcRow = row;
      texts.push(String(row.getCell(1).value ?? ""));
    });
    ANNEX_FIELDS.forEach((field, i) => {
      const cell = ndrcRow!.getCell(i + 3);
      if (NO_BASE_FIELDS.includes(field)) {
        expect([field, cell.value]).toEqual([field, 0]);
        // The zero section of the format is the mark.
        expect([field, cell.numFmt.split(";")[2]]).toEqual([field, `"${NO_BASE_MARK}"`]);
      } else if (field === "promiseSpeedupRate") {
        expect(cell.numFmt).toBe("0.00%");
      }
    });
    expect(texts).toContain(`　　${NOTE}`);
  });

  it("the CSV: an empty cell, and the reason in the row's last column", () => {
    const csv = annexCsv(
      ref.rows.filter((r) => r.kind === "DEPARTMENT"),
      "DEPARTMENT",
      "2021-06",
    );
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    const header = lines[0]!.split(",");
    const line = lines.find((l) => l.startsWith("2,市发展和改革委员会,"))!;
    const cells = line.split(",");
    expect(cells).toHaveLength(header.length);
    // The reason column, then the month (which the annex upload reads the file back by).
    expect(header.slice(-2)).toEqual(["无基数说明", "月份"]);
    expect(cells.at(-1)).toBe("2021-06");
    ANNEX_FIELDS.forEach((field, i) => {
      if (NO_BASE_FIELDS.includes(field)) expect([field, cells[i + 2]]).toEqual([field, ""]);
    });
    expect(cells[2 + ANNEX_FIELDS.indexOf("promiseSpeedupRate")]).toBe("63.69");
    expect(cells.at(-2)).toBe(
      "承诺件办件效率（%）·办理提速、承诺件办件效率（%）·提前办结：本月无承诺件办结，该比率没有基数；" +
        "线上承诺办件效率（%）·网上办理、线上承诺办件效率（%）·办理提速、线上承诺办件效率（%）·提前办结：本月无线上承诺件办结，该比率没有基数",
    );
    // A unit with every base: no empty cell, an empty reason.
    const police = lines.find((l) => l.startsWith("8,市公安局,"))!.split(",");
    expect(police.slice(2, -2)).not.toContain("");
    expect(police.at(-2)).toBe("");
  });
});
