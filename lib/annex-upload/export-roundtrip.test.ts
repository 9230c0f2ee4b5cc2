// Integration (real PostgreSQL): the importer reads back what the exporter writes, and the
// preview can map any name.
// - Units named =cmd|'/C calc'!A0, +1, -2, @SUM(1) and 市"测试"局 go out in annexes.xlsx (the
//   first four neutralised with a leading ', so no spreadsheet runs them) and come back in as
//   themselves: no UNKNOWN_UNIT.
// - A name holding " is mapped in the preview: the form (rendered from the component) is sent
//   as a browser encodes it (field NAMES escapeName " as %22) and the mapping applies.
import { createRequire } from "node:module";
import ExcelJS from "exceljs";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { annexWorkbookFiles } from "@/lib/annex-upload/parse";
import { MONTH, referenceMonth } from "@/lib/annex-upload/parse/test-support";
import { annexCsv } from "@/lib/dashboard/exports/annex-csv";
import { seedDatabase } from "@/lib/demo-data/seed-database";
import { annexXlsx } from "@/lib/export/xlsx";
import { getMessages } from "@/lib/i18n/messages";
import { ANNEX_FIELDS } from "@/lib/indicators";
import { createMonthVersion } from "@/lib/month-versions/create-month-version";
import { loadMonths, type MonthData } from "@/lib/month-versions/month-data";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { checkUpload } from "./check-upload";
import { storedFiles } from "./publish-upload";
import { stageUpload } from "./stage-upload";

// The form's server actions need a request (auth, cache): the form's markup does not.
vi.mock("@/lib/annex-upload/actions/publish-upload", () => ({
  publishUploadAction: async () => ({}),
  saveUploadChoicesAction: async () => ({}),
}));
const { UploadPreviewForm } = await import("@/components/annex-upload/upload-preview-form");
const { mappingsFrom } = await import("@/lib/annex-upload/actions/form-data");

const require = createRequire(import.meta.url);
const QUOTED = '市"测试"局';
const NAMES = ["=cmd|'/C calc'!A0", "+1", "-2", "@SUM(1)", QUOTED];

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db.prisma, { demoMonths: 0, demoUsers: false });
});
afterAll(() => db?.drop());

/** The markup's form fields as a browser submits them: hidden inputs, and each select's chosen option. */
function formFields(html: string, choose: Record<string, string>): Array<[string, string]> {
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  const fields: Array<[string, string]> = [];
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"\/>|<select name="([^"]*)"/g)) {
    if (m[1] !== undefined) fields.push([decode(m[1]), decode(m[2]!)]);
    else fields.push([decode(m[3]!), choose[decode(m[3]!)] ?? ""]);
  }
  return fields;
}

/**
 * The fields as a server action receives them: multipart/form-data as the browser encodes it
 * (the HTML standard: in a field's NAME, " → %22, CR → %0D, LF → %0A), parsed as Next parses a
 * server action's body (busboy, which leaves those escapes as they are).
 */
async function asServerActionReceives(fields: Array<[string, string]>): Promise<FormData> {
  const boundary = "----formdata-test-7MA4YWxkTrZu0gW";
  const escapeName = (name: string) => name.replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/"/g, "%22");
  const body = `${fields
    .map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"\r\n\r\n${value}\r\n`,
    )
    .join("")}--${boundary}--\r\n`;
  const busboy = require("next/dist/compiled/busboy")({
    defParamCharset: "utf8",
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  });
  const form = new FormData();
  busboy.on("field", (name: string, value: string) => form.append(name, value));
  await new Promise((resolve, reject) => {
    busboy.on("close", resolve);
    busboy.on("error", reject);
    busboy.end(Buffer.from(body, "utf8"));
  });
  return form;
}

describe("the preview maps a name holding a quote", () => {
  it(`${QUOTED} in the file, mapped to 市公安局 in the preview form: the mapping applies`, async () => {
    const rows = referenceMonth.departments.map((r) => (r.unitName === "市公安局" ? { ...r, unitName: QUOTED } : r));
    const [file] = await annexWorkbookFiles({ month: MONTH, tables: [{ kind: "DEPARTMENT", rows }] }, "combined");
    const staged = await stageUpload(db.prisma, { fileName: file!.fileName, bytes: file!.bytes, uploadedById: null });
    expect(staged.kind).toBe("staged");
    if (staged.kind !== "staged") return;
    const upload = await db.prisma.upload.findUniqueOrThrow({
      where: { id: staged.uploadId },
      include: { files: true },
    });
    const before = await checkUpload(db.prisma, storedFiles(upload.files), { month: upload.month });
    expect(before.unknownNames.map((u) => u.name)).toEqual([QUOTED]);

    // The preview page's form, with 市公安局 (d08) chosen for the unknown name.
    const units = before.knownUnits.map((u) => ({ code: u.code, name: u.name, kind: u.kind }));
    const unknown = before.unknownNames.map((u) => ({ name: u.name, suggestions: [], mapped: "" }));
    const html = renderToStaticMarkup(
      createElement(UploadPreviewForm, {
        t: getMessages().upload,
        uploadId: upload.id,
        units,
        unknown,
        summary: [],
        warningCount: 0,
        canPublish: false,
        baseVersionId: null,
        gate: getMessages().figures.gate,
        gapNames: [],
      }),
    );
    const selectName = /<select name="([^"]*)"/.exec(html)![1]!.replace(/&quot;/g, '"');
    const sent = await asServerActionReceives(formFields(html, { [selectName]: "d08" }));
    const mappings = mappingsFrom(sent);
    expect(mappings).toEqual({ [QUOTED]: "d08" });

    const after = await checkUpload(db.prisma, storedFiles(upload.files), { month: upload.month, mappings });
    expect(after.unknownNames).toEqual([]);
    expect(after.validation.problems.filter((p) => p.code === "UNKNOWN_UNIT")).toEqual([]);
    const police = referenceMonth.departments.find((r) => r.unitCode === "d08")!;
    expect(after.validation.rows.find((r) => r.unitCode === "d08")?.applied).toBe(police.applied);
  });
});

describe("annexes.xlsx round trip with names a spreadsheet would run", () => {
  let june: MonthData;
  beforeAll(async () => {
    const police = referenceMonth.departments.find((r) => r.unitCode === "d08")!;
    const created: Array<{ id: number }> = [];
    for (const [i, name] of NAMES.entries()) {
      created.push(
        await db.prisma.unit.create({ data: { code: `d${91 + i}`, name, kind: "DEPARTMENT", sortOrder: 91 + i } }),
      );
    }
    const units = await db.prisma.unit.findMany();
    const idByCode = new Map(units.map((u) => [u.code, u.id]));
    const [current] = (await loadMonths(db.prisma, [MONTH])) as [MonthData];
    const { unitCode: _c, unitName: _n, kind: _k, ...figures } = police;
    await db.prisma.$transaction((tx) =>
      createMonthVersion(tx, {
        month: MONTH,
        origin: "UPLOAD",
        isDemo: false,
        stats: [
          ...current.rows.map(({ unitCode, unitName: _un, kind: _kk, ...s }) => ({
            ...s,
            unitId: idByCode.get(unitCode)!,
          })),
          ...created.map((u, i) => ({ ...figures, seq: 42 + i, applied: 1000 + i, unitId: u.id })),
        ],
        summaries: [],
      }),
    );
    [june] = (await loadMonths(db.prisma, [MONTH])) as [MonthData];
  });

  it("the export neutralises them, and the import reads each back as its unit", async () => {
    const file = await annexXlsx(MONTH, june.rows);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ExcelJS.Buffer);
    const written: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => written.push(String(row.getCell(2).value)));
    expect(written).toEqual(expect.arrayContaining(["'=cmd|'/C calc'!A0", "'+1", "-2", "'@SUM(1)", QUOTED]));

    const check = await checkUpload(db.prisma, [file], { month: MONTH });
    expect(check.validation.problems.filter((p) => p.code === "UNKNOWN_UNIT").map((p) => p.found)).toEqual([]);
    expect(check.validation.errorCount).toBe(0);
    for (const [i, name] of NAMES.entries()) {
      const row = check.validation.rows.find((r) => r.unitCode === `d${91 + i}`);
      expect(row?.unitName, name).toBe(name);
      expect(row?.applied, name).toBe(1000 + i);
    }
    expect(check.validation.rows).toHaveLength(june.rows.length);
  });

  // Issue 19 (information): the per-annex CSV at /api/export/[month]/annex/[kind] was refused
  // by the upload (UNKNOWN_LAYOUT: one header row, group and column joined by ·; then NO_MONTH).
  it("the per-annex CSV exports (附件1 and 附件2) are read back by the upload: every unit, figure and the month", async () => {
    const files = (["DEPARTMENT", "DISTRICT"] as const).map((kind) => ({
      fileName: `${kind === "DEPARTMENT" ? "附件1-市级部门" : "附件2-县市区"}-${MONTH}.csv`,
      bytes: new TextEncoder().encode(
        annexCsv(
          june.rows.filter((r) => r.kind === kind),
          kind,
          MONTH,
        ),
      ),
    }));
    const check = await checkUpload(db.prisma, files, { month: MONTH });
    expect(check.validation.problems.filter((p) => p.severity === "error").map((p) => p.message)).toEqual([]);
    expect(check.validation.month).toBe(MONTH);
    expect(check.validation.rows).toHaveLength(june.rows.length);
    for (const expected of june.rows) {
      const row = check.validation.rows.find((r) => r.unitCode === expected.unitCode);
      expect(row?.unitName, expected.unitName).toBe(expected.unitName);
      for (const field of ANNEX_FIELDS)
        expect([expected.unitCode, field, row?.[field]]).toEqual([expected.unitCode, field, expected[field]]);
    }
  });
});
