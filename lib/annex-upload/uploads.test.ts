// Integration (real PostgreSQL): the upload flow's library — stage, preview check, publish,
// rollback — on a seeded database. The 2021-06 annexes in the report's layout (exceljs, via
// lib/annex-upload/parse's annexWorkbookFiles) and as a GBK CSV go in and every cell comes back identical
// to prisma/reference/2021-06.json; malformed files are refused with their code and leave the
// database's rows unchanged (row hashes); a publish whose connection is killed mid-transaction
// leaves the previous version current and complete.

import type ExcelJS from "exceljs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AnnexProblemCode,
  annexWorkbookFiles,
  buildTemplateWorkbook,
  workbookBytes,
} from "@/lib/annex-upload/parse";
import {
  encode,
  MONTH,
  referenceJson,
  referenceMonth,
  referenceTables,
  reportCsvLines,
  toCsvText,
} from "@/lib/annex-upload/parse/test-support";
import { seedDatabase } from "@/lib/demo-data/seed-database";
import { ANNEX_FIELDS, normalizeUnitName } from "@/lib/indicators";
import { createMonthVersion } from "@/lib/month-versions/create-month-version";
import { diffFigures, isEmptyDiff } from "@/lib/month-versions/diff-versions";
import { rollbackMonth } from "@/lib/month-versions/rollback-month";
import { loadVersionData } from "@/lib/month-versions/version-data";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { checkUpload } from "./check-upload";
import { publishUpload } from "./publish-upload";
import { stageUpload } from "./stage-upload";

let db: TestDatabase;
let adminId: number;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db.prisma, { demoMonths: 1 });
  adminId = (await db.prisma.user.findUniqueOrThrow({ where: { username: "admin" } })).id;
});
afterAll(() => db?.drop());

async function current(month: string) {
  const m = await db.prisma.reportMonth.findUniqueOrThrow({ where: { month } });
  return loadVersionData(db.prisma, m.currentVersionId!);
}

/** Every cell of the month's current version equals the reference JSON's annexes. */
async function expectReference(month = MONTH) {
  const data = await current(month);
  const expected = [
    ...referenceJson.annex1_departments.map((r) => ({ r, kind: "DEPARTMENT" })),
    ...referenceJson.annex2_districts.map((r) => ({ r, kind: "DISTRICT" })),
  ];
  expect(data.rows.map((r) => r.unitName)).toEqual(expected.map(({ r }) => normalizeUnitName(r.name)));
  expected.forEach(({ r, kind }, i) => {
    const row = data.rows[i]!;
    expect(row.kind).toBe(kind);
    expect(row.seq).toBe(r.seq);
    for (const f of ANNEX_FIELDS) expect(row[f], `${row.unitName} ${f}`).toBe((r as Record<string, unknown>)[f]);
  });
  return data;
}

/** Hash of every row of every table: the database's content, for "nothing changed". */
async function rowHashes(exclude: string[] = []): Promise<Record<string, string>> {
  const tables = [
    "Unit",
    "UnitAlias",
    "ReportMonth",
    "MonthVersion",
    "MonthlyStat",
    "MonthlySummary",
    "Upload",
    "UploadFile",
    "AuditEvent",
    "User",
    "Setting",
    "BulletinText",
  ].filter((t) => !exclude.includes(t));
  const out: Record<string, string> = {};
  for (const table of tables) {
    const rows = await db.prisma.$queryRawUnsafe<Array<{ h: string | null }>>(
      `SELECT md5(coalesce(string_agg(md5(t::text), ',' ORDER BY md5(t::text)), '')) AS h FROM "${table}" t`,
    );
    out[table] = rows[0]!.h ?? "";
  }
  return out;
}

async function stageAndPublish(fileName: string, bytes: Uint8Array) {
  const staged = await stageUpload(db.prisma, { fileName, bytes, uploadedById: adminId });
  if (staged.kind !== "staged") throw new Error(`not staged: ${JSON.stringify(staged).slice(0, 500)}`);
  const published = await publishUpload(db.prisma, {
    uploadId: staged.uploadId,
    actorId: adminId,
    acknowledgeWarnings: true,
    acknowledgeGaps: true,
  });
  if (!published.ok) throw new Error(published.message);
  return { staged, published };
}

describe("upload → publish → read back", () => {
  it("publishes the report-layout workbook as a new version, every cell identical to 2021-06.json", async () => {
    // Make the current version differ first, so the publish visibly writes the figures.
    const before = await current(MONTH);
    const units = await db.prisma.unit.findMany();
    const idByCode = new Map(units.map((u) => [u.code, u.id]));
    await db.prisma.$transaction((tx) =>
      createMonthVersion(tx, {
        month: MONTH,
        origin: "UPLOAD",
        isDemo: false,
        stats: before.rows
          .map((r) => ({ ...r, unitId: idByCode.get(r.unitCode)!, completed: r.completed + 7 }))
          .map(({ unitCode: _c, unitName: _n, kind: _k, ...s }) => s),
        summaries: [],
      }),
    );
    const [file] = await annexWorkbookFiles({ month: MONTH, tables: referenceTables() }, "combined");
    const check = await checkUpload(db.prisma, [file!]);
    const diff = diffFigures(await current(MONTH), {
      rows: check.validation.rows,
      summaries: check.validation.summaries,
    });
    expect(diff.changes.filter((c) => c.field === "completed")).toHaveLength(before.rows.length);

    const { published } = await stageAndPublish(file!.fileName, file!.bytes);
    expect(published.ok && published.number).toBe(3);
    await expectReference();
    const versions = await db.prisma.monthVersion.findMany({ where: { month: MONTH }, orderBy: { number: "asc" } });
    expect(versions.map((v) => v.origin)).toEqual(["REFERENCE", "UPLOAD", "UPLOAD"]);
    expect(await db.prisma.monthlyStat.count({ where: { versionId: versions[0]!.id } })).toBe(before.rows.length);
    const upload = await db.prisma.upload.findUniqueOrThrow({
      where: { id: versions[2]!.uploadId! },
      include: { files: true },
    });
    expect(upload.status).toBe("COMMITTED");
    expect(upload.files).toHaveLength(1);
    expect(upload.sha256).toBe(upload.files[0]!.sha256);
    expect(Buffer.from(upload.files[0]!.content).equals(Buffer.from(file!.bytes))).toBe(true);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "month.publish" },
      orderBy: { id: "desc" },
    });
    expect(audit.month).toBe(MONTH);

    // Byte-identical again: refused, naming the version.
    const again = await stageUpload(db.prisma, { fileName: "again.xlsx", bytes: file!.bytes, uploadedById: adminId });
    expect(again).toMatchObject({ kind: "duplicate", month: MONTH, versionNumber: 3 });
  });

  it("the same for a GBK CSV (one file per annex, report layout), then rollback restores an earlier version as a new one", async () => {
    const lines = [...reportCsvLines("DEPARTMENT"), [], ...reportCsvLines("DISTRICT")];
    const bytes = encode(toCsvText(lines), "gbk");
    // Change one cell so this differs from version 3 and the rollback has something to undo.
    const text = toCsvText(lines);
    expect(Buffer.from(bytes).toString("utf8")).not.toBe(text); // really GBK
    const v3 = await current(MONTH);
    const { published } = await stageAndPublish("2021-06.csv", bytes);
    expect(published.ok && published.number).toBe(4);
    await expectReference();
    expect(isEmptyDiff(diffFigures(v3, await current(MONTH)))).toBe(true);

    const v2 = await db.prisma.monthVersion.findFirstOrThrow({ where: { month: MONTH, number: 2 } });
    const rolled = await rollbackMonth(db.prisma, { month: MONTH, versionId: v2.id, actorId: adminId });
    expect(rolled).toMatchObject({ ok: true, number: 5 });
    const now = await current(MONTH);
    const old = await loadVersionData(db.prisma, v2.id);
    expect(now.rows).toEqual(old.rows);
    const v5 = await db.prisma.monthVersion.findFirstOrThrow({ where: { month: MONTH, number: 5 } });
    expect(v5).toMatchObject({ origin: "ROLLBACK", copiedFromId: v2.id });
    expect(await db.prisma.auditEvent.count({ where: { action: "month.rollback", month: MONTH } })).toBe(1);
    // And back to the reference figures for the tests below.
    const v4 = await db.prisma.monthVersion.findFirstOrThrow({ where: { month: MONTH, number: 4 } });
    await rollbackMonth(db.prisma, { month: MONTH, versionId: v4.id, actorId: adminId });
    await expectReference();
  });

  it("two files (附件1 and 附件2 as separate workbooks) are one upload, one preview, one version identical to 2021-06.json", async () => {
    const files = await annexWorkbookFiles({ month: MONTH, tables: referenceTables() }, "separate");
    expect(files).toHaveLength(2);
    expect(files[0]!.fileName).not.toBe(files[1]!.fileName);
    // Either annex alone is not the month: the other annex's units are missing.
    const before = await db.prisma.monthVersion.count({ where: { month: MONTH } });
    const staged = await stageUpload(db.prisma, { files, uploadedById: adminId });
    if (staged.kind !== "staged") throw new Error(`not staged: ${JSON.stringify(staged).slice(0, 500)}`);
    expect(staged).toMatchObject({ month: MONTH, errorCount: 0 });
    const stored = await db.prisma.upload.findUniqueOrThrow({
      where: { id: staged.uploadId },
      include: { files: { orderBy: { position: "asc" } } },
    });
    expect(stored.files.map((f) => f.fileName)).toEqual(files.map((f) => f.fileName));
    for (const [i, f] of stored.files.entries())
      expect(Buffer.from(f.content).equals(Buffer.from(files[i]!.bytes))).toBe(true);
    expect(stored.sizeBytes).toBe(files[0]!.bytes.byteLength + files[1]!.bytes.byteLength);
    expect(stored.fileName).toBe(`${files[0]!.fileName} + ${files[1]!.fileName}`);
    const published = await publishUpload(db.prisma, {
      uploadId: staged.uploadId,
      actorId: adminId,
      acknowledgeWarnings: true,
      acknowledgeGaps: true,
    });
    expect(published).toMatchObject({ ok: true, number: before + 1 });
    expect(await db.prisma.monthVersion.count({ where: { month: MONTH } })).toBe(before + 1);
    await expectReference();

    // The same set of bytes, in either order, is the published version; one of the two alone is not.
    const again = await stageUpload(db.prisma, {
      files: [files[1]!, { ...files[0]!, fileName: "renamed.xlsx" }],
      uploadedById: adminId,
    });
    expect(again).toMatchObject({
      kind: "duplicate",
      month: MONTH,
      versionNumber: before + 1,
      uploadId: staged.uploadId,
    });
    const single = await stageUpload(db.prisma, { files: [files[0]!], uploadedById: adminId });
    expect(single.kind).not.toBe("duplicate");
  });

  it("two files that disagree on the month: refused, nothing written", async () => {
    const [june] = await annexWorkbookFiles({ month: MONTH, tables: referenceTables().slice(0, 1) }, "separate");
    const [july] = await annexWorkbookFiles({ month: "2021-07", tables: referenceTables().slice(1) }, "separate");
    const hashes = await rowHashes();
    const result = await stageUpload(db.prisma, { files: [june!, july!], uploadedById: adminId });
    expect(result.kind).toBe("rejected");
    if (result.kind !== "rejected") return;
    expect(result.problems.some((p) => p.severity === "error" && /MONTH/.test(p.code))).toBe(true);
    expect(await rowHashes()).toEqual(hashes);
  });

  it("a new month is created by its first publish; unknown names are mapped (alias) or created as new units", async () => {
    const rows = referenceMonth.rows.map((r) => (r.unitCode === "d08" ? { ...r, unitName: "达州市公安局" } : r));
    const extra = { ...referenceMonth.rows[0]!, unitCode: "zz", unitName: "市新成立局", seq: 99 };
    const workbook = buildTemplateWorkbook({ month: "2021-07", units: [...rows, extra] });
    const bytes = await workbookBytes(workbook);
    const staged = await stageUpload(db.prisma, { fileName: "2021-07.xlsx", bytes, uploadedById: adminId });
    expect(staged.kind).toBe("staged");
    if (staged.kind !== "staged") return;
    expect(staged.errorCount).toBe(2);
    const check = await checkUpload(db.prisma, [{ fileName: "x.xlsx", bytes }], { month: "2021-07" });
    expect(check.unknownNames.map((u) => u.name).sort()).toEqual(["市新成立局", "达州市公安局"].sort());
    expect(check.unknownNames.find((u) => u.name === "达州市公安局")!.suggestions[0]!.code).toBe("d08");
    const refused = await publishUpload(db.prisma, {
      uploadId: staged.uploadId,
      actorId: adminId,
      acknowledgeWarnings: true,
      acknowledgeGaps: true,
    });
    expect(refused).toMatchObject({ ok: false, reason: "errors" });
    const ok = await publishUpload(db.prisma, {
      uploadId: staged.uploadId,
      actorId: adminId,
      acknowledgeWarnings: true,
      acknowledgeGaps: true,
      mappings: { 达州市公安局: "d08", 市新成立局: "new:DEPARTMENT" },
      summaryForm: { CITY: { applied: 123 } },
    });
    expect(ok).toMatchObject({ ok: true, number: 1 });
    const july = await db.prisma.reportMonth.findUniqueOrThrow({ where: { month: "2021-07" } });
    expect(july.isDemo).toBe(false);
    const data = await current("2021-07");
    expect(data.rows.find((r) => r.unitCode === "d08")!.completed).toBe(
      referenceMonth.rows.find((r) => r.unitCode === "d08")!.completed,
    );
    expect(data.rows.some((r) => r.unitName === "市新成立局")).toBe(true);
    expect(data.summaries.find((s) => s.scope === "CITY")!.applied).toBe(123);
    expect(await db.prisma.unitAlias.count({ where: { alias: "达州市公安局" } })).toBe(1);
  });
});

describe("malformed files: refused with their code, nothing written", () => {
  const xlsxWith = async (change: (ws: ExcelJS.Worksheet) => void) => {
    const workbook = buildTemplateWorkbook({ month: MONTH, units: referenceMonth.rows });
    change(workbook.getWorksheet("附件数据")!);
    return workbookBytes(workbook);
  };
  const cases: Array<[string, string, () => Promise<Uint8Array> | Uint8Array, AnnexProblemCode]> = [
    ["empty", "empty.xlsx", () => new Uint8Array(), "EMPTY_FILE"],
    ["a PDF", "report.pdf", () => new TextEncoder().encode("%PDF-1.4\n%âãÏÓ\n1 0 obj\n"), "NOT_SPREADSHEET"],
    [
      "HTML with a script",
      "x.xlsx",
      () => new TextEncoder().encode("<html><script>alert(1)</script></html>"),
      "NOT_SPREADSHEET",
    ],
    ["a CSV without header", "x.csv", () => encode("a,b,c\r\n1,2,3\r\n", "gbk"), "UNKNOWN_LAYOUT"],
    [
      "text in a count",
      "t.xlsx",
      () => xlsxWith((ws) => (ws.getCell("D5").value = "<script>x</script>")),
      "NOT_A_NUMBER",
    ],
    ["a negative count", "n.xlsx", () => xlsxWith((ws) => (ws.getCell("D5").value = -3)), "NEGATIVE_COUNT"],
    ["a rate over 100", "r.xlsx", () => xlsxWith((ws) => (ws.getCell("J5").value = 180)), "RATE_OUT_OF_RANGE"],
    [
      "a duplicate unit",
      "d.xlsx",
      () => xlsxWith((ws) => (ws.getCell("C5").value = ws.getCell("C4").value)),
      "DUPLICATE_UNIT",
    ],
    ["no month", "m.csv", () => encode(toCsvText(reportCsvLines("DEPARTMENT", { title: null })), "gbk"), "NO_MONTH"],
  ];
  it.each(cases)("%s", async (_name, fileName, make, code) => {
    const before = await rowHashes();
    const result = await stageUpload(db.prisma, { fileName, bytes: await make(), uploadedById: adminId });
    expect(result.kind).toBe("rejected");
    if (result.kind !== "rejected") return;
    expect(result.problems.map((p) => p.code)).toContain(code);
    const problem = result.problems.find((p) => p.code === code)!;
    expect(problem.message).toMatch(/[\u4e00-\u9fff]/);
    expect(problem.file).toBe(fileName);
    expect(await rowHashes()).toEqual(before);
  });

  it("too large: refused before parsing", async () => {
    const before = await rowHashes();
    const result = await stageUpload(db.prisma, {
      fileName: "big.csv",
      bytes: new Uint8Array(2048),
      uploadedById: adminId,
      limits: { maxBytes: 1024 },
    });
    expect(result.kind === "rejected" && result.problems[0]!.code).toBe("FILE_TOO_LARGE");
    expect(await rowHashes()).toEqual(before);
  });
});

describe("atomicity", () => {
  it("a publish whose connection is killed mid-transaction leaves the previous version current and complete", async () => {
    if (db.kind !== "postgres") return; // pglite-server has no second backend to kill from
    const before = await current(MONTH);
    const hashes = await rowHashes(["Upload", "UploadFile"]);
    const rows = referenceMonth.rows.map((r) => ({ ...r, completed: r.completed + 1 }));
    const bytes = await workbookBytes(buildTemplateWorkbook({ month: MONTH, units: rows }));
    const staged = await stageUpload(db.prisma, { fileName: "killed.xlsx", bytes, uploadedById: adminId });
    if (staged.kind !== "staged") throw new Error("not staged");
    const killer = new pg.Client({ connectionString: db.url });
    await killer.connect();
    let versionRowsSeen = 0;
    const attempt = publishUpload(
      db.prisma,
      { uploadId: staged.uploadId, actorId: adminId, acknowledgeWarnings: true, acknowledgeGaps: true },
      {
        afterVersion: async (tx) => {
          const pid = (await tx.$queryRaw<Array<{ pid: number }>>`SELECT pg_backend_pid() AS pid`)[0]!.pid;
          versionRowsSeen = (await tx.monthVersion.count({ where: { month: MONTH } })) as number;
          await killer.query("SELECT pg_terminate_backend($1)", [pid]);
        },
      },
    );
    await expect(attempt).rejects.toThrow();
    await killer.end();
    expect(versionRowsSeen).toBeGreaterThan(0);
    const after = await current(MONTH);
    expect(after.versionId).toBe(before.versionId);
    expect(after.rows).toEqual(before.rows);
    await expectReference();
    expect(await rowHashes(["Upload", "UploadFile"])).toEqual(hashes);
    expect((await db.prisma.upload.findUniqueOrThrow({ where: { id: staged.uploadId } })).status).toBe("STAGED");
  });
});
