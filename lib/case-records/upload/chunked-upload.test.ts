// The case import's chunked upload (POST /api/cases, PUT /api/cases/:id?file=N&offset=…,
// GET …/progress, GET …/problems.csv) on a real PostgreSQL: refusals (signed out, not an
// admin, offset mismatch, chunk and file size limits, a truncated chunk), then a real
// month sent in chunks, processed in the server and published through the server action.
import { mkdtempSync, rmSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CASE_CHUNK_BYTES, CASE_FILE_MAX_BYTES } from "@/lib/case-records/upload/limits";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { signInAs as as } from "@/test/helpers/session-stand-in";

const ON_EMBEDDED = !(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL);
let db: TestDatabase;
const dir = mkdtempSync(path.join(tmpdir(), "case-uploads-"));

vi.mock("next/headers", async () => (await import("@/test/helpers/session-stand-in")).noCookies);
vi.mock("@/lib/access/session", async () => (await import("@/test/helpers/session-stand-in")).signedIn);
vi.mock("next/cache", async () => (await import("@/test/helpers/next-stand-ins")).nextCache);
vi.mock("next/navigation", async () => (await import("@/test/helpers/next-stand-ins")).nextNavigation);

type Routes = {
  create: typeof import("@/app/api/cases/route");
  chunk: typeof import("@/app/api/cases/[id]/route");
  progress: typeof import("@/app/api/cases/[id]/progress/route");
  problems: typeof import("@/app/api/cases/[id]/problems.csv/route");
};
let routes: Routes;

beforeAll(async () => {
  if (ON_EMBEDDED) return;
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.CASE_UPLOAD_DIR = dir;
  const { seedDatabase } = await import("@/lib/demo-data/seed-database");
  await seedDatabase(db.prisma, { demoMonths: 0 });
  routes = {
    create: await import("@/app/api/cases/route"),
    chunk: await import("@/app/api/cases/[id]/route"),
    progress: await import("@/app/api/cases/[id]/progress/route"),
    problems: await import("@/app/api/cases/[id]/problems.csv/route"),
  };
});
afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const params = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });

async function create(month: string, files: Array<{ name: string; size: number }>) {
  const response = await routes.create.POST(
    new Request("http://app/api/cases", {
      method: "POST",
      // Sent from the site's page, as a browser does (lib/http/same-origin.ts).
      headers: { "Content-Type": "application/json", Origin: "http://app" },
      body: JSON.stringify({ month, files }),
    }),
  );
  return { status: response.status, body: (await response.json()) as { id?: number; error?: string } };
}

async function put(id: number, file: number, offset: number, bytes: Uint8Array, contentLength = bytes.byteLength) {
  const response = await routes.chunk.PUT(
    new Request(`http://app/api/cases/${id}?file=${file}&offset=${offset}`, {
      method: "PUT",
      headers: {
        "Content-Type": "application/octet-stream",
        "Content-Length": String(contentLength),
        Origin: "http://app",
      },
      body: bytes,
      duplex: "half",
    } as RequestInit),
    params(id),
  );
  return {
    status: response.status,
    body: (await response.json()) as { received?: number; complete?: boolean; processing?: boolean; error?: string },
  };
}

async function progress(id: number) {
  const response = await routes.progress.GET(new Request(`http://app/api/cases/${id}/progress`), params(id));
  return (await response.json()) as { status: string; files: Array<{ received: number }>; caseImportId: number | null };
}

async function waitFor(id: number, statuses: string[]) {
  for (let i = 0; i < 300; i++) {
    const p = await progress(id);
    if (statuses.includes(p.status)) return p;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`upload ${id} never reached ${statuses.join("/")}`);
}

const CASES =
  "办件编号,事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,申请方式,是否批量件,申请时间,受理时间,办结时间,申请人姓名\n" +
  "G1,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2019-10-08 09:00:00,2019-10-08 10:00:00,2019-10-10 10:00:00,张三\n" +
  "G2,A1,户籍迁移,市公安局,承诺件,20,5,窗口申请,否,2019-10-08 09:00:00,2019-10-08 10:00:00,2019-10-25 10:00:00,李四\n" +
  "X1,B1,低保,宣汉县,即办件,1,,窗口申请,否,2019-10-09 09:00:00,2019-10-09 09:00:00,2019-10-09 10:00:00,王五\n";
const CATALOGUE =
  "事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,事项状态\nA1,户籍迁移,市公安局,承诺件,20,5,在用\nA2,身份证,市公安局,即办件,1,0,在用\nB1,低保,宣汉县,即办件,1,0,在用\n";

describe.skipIf(ON_EMBEDDED)("chunked case upload", () => {
  it("refuses a signed-out caller (401) and a non-admin (403), and writes nothing", async () => {
    as(null);
    expect((await create("2019-10", [{ name: "a.csv", size: 10 }])).status).toBe(401);
    as("OFFICIAL");
    expect((await create("2019-10", [{ name: "a.csv", size: 10 }])).status).toBe(403);
    as("SYSTEM_ADMIN");
    const { body } = await create("2019-10", [{ name: "a.csv", size: 10 }]);
    as("OFFICIAL");
    expect((await put(body.id!, 0, 0, new Uint8Array(10))).status).toBe(403);
    expect((await routes.progress.GET(new Request("http://app/x"), params(body.id!))).status).toBe(403);
    as("SYSTEM_ADMIN");
    expect((await progress(body.id!)).files[0]!.received).toBe(0);
    expect(await db.prisma.caseUpload.count({ where: { createdById: 2 } })).toBe(0);
  });

  it("a new upload ignores files another database left under its id (it would never complete otherwise)", async () => {
    as("SYSTEM_ADMIN");
    const last = await db.prisma.caseUpload.aggregate({ _max: { id: true } });
    const next = (last._max.id ?? 0) + 1;
    const { mkdirSync, writeFileSync } = await import("node:fs");
    mkdirSync(path.join(dir, String(next)), { recursive: true });
    writeFileSync(path.join(dir, String(next), "0.part"), "0123456789");
    const { body } = await create("2019-10", [{ name: "a.csv", size: 10 }]);
    expect(body.id).toBe(next);
    expect((await progress(next)).files[0]!.received).toBe(0);
  });

  it("refuses bad declarations: too large a file, too many files, another format, a bad month", async () => {
    as("SYSTEM_ADMIN");
    const big = await create("2019-10", [{ name: "a.csv", size: CASE_FILE_MAX_BYTES + 1 }]);
    expect(big.status).toBe(400);
    expect(big.body.error).toContain("文件超过 1024 MB");
    expect(
      (
        await create(
          "2019-10",
          [1, 2, 3, 4].map((n) => ({ name: `${n}.csv`, size: 1 })),
        )
      ).body.error,
    ).toContain("最多 3 个文件");
    expect((await create("2019-10", [{ name: "a.pdf", size: 1 }])).body.error).toContain(".xlsx");
    expect((await create("2019-13", [{ name: "a.csv", size: 1 }])).status).toBe(400);
  });

  it("refuses a chunk at the wrong offset (409 with what it holds), too large, past the file's end, or truncated", async () => {
    as("SYSTEM_ADMIN");
    const size = CASE_CHUNK_BYTES + 100;
    const { body } = await create("2019-10", [{ name: "big.csv", size }]);
    const id = body.id!;
    expect(await put(id, 0, 0, new Uint8Array(CASE_CHUNK_BYTES + 1))).toMatchObject({ status: 413 });
    expect(await put(id, 0, 0, new Uint8Array(50))).toMatchObject({
      status: 200,
      body: { received: 50, complete: false },
    });
    // A repeated or skipped chunk is refused with the bytes the server holds.
    expect(await put(id, 0, 0, new Uint8Array(50))).toMatchObject({ status: 409, body: { received: 50 } });
    expect(await put(id, 0, 80, new Uint8Array(50))).toMatchObject({ status: 409, body: { received: 50 } });
    expect(await put(id, 0, 50, new Uint8Array(size))).toMatchObject({ status: 413 });
    expect(await put(id, 1, 50, new Uint8Array(10))).toMatchObject({ status: 400 });
    // Content-Length says 100, 40 bytes arrive (a dropped connection, a truncating proxy): cut off again.
    const short = await put(id, 0, 50, new Uint8Array(40), 100);
    expect(short.status).toBe(400);
    expect(short.body.error).toContain("分块不完整");
    expect((await progress(id)).files[0]!.received).toBe(50);
    expect((await progress(id)).status).toBe("TRANSFERRING");
  });

  it("takes only canonical decimal file numbers and offsets (not 1e0, 0x0, 00, +0, empty)", async () => {
    as("SYSTEM_ADMIN");
    const { body } = await create("2019-10", [{ name: "a.csv", size: 10 }]);
    const id = body.id!;
    const raw = async (query: string) =>
      (
        await routes.chunk.PUT(
          new Request(`http://app/api/cases/${id}?${query}`, {
            method: "PUT",
            headers: { "Content-Type": "application/octet-stream", "Content-Length": "5", Origin: "http://app" },
            body: new Uint8Array(5),
            duplex: "half",
          } as RequestInit),
          params(id),
        )
      ).status;
    for (const file of ["1e0", "0x0", "00", "+0", "0.0", "%200", "", "-0", "0b0"])
      expect([file, await raw(`file=${file}&offset=0`)]).toEqual([file, 400]);
    expect(await raw("offset=0")).toBe(400); // no file number at all
    for (const offset of ["0x0", "0e0", "00", "+0", "", "1e1"])
      expect([offset, await raw(`file=0&offset=${offset}`)]).toEqual([offset, 400]);
    expect((await progress(id)).files[0]!.received).toBe(0);
    expect(await raw("file=0&offset=0")).toBe(200);
    expect((await progress(id)).files[0]!.received).toBe(5);
  });

  it("takes a month in chunks, processes it in the server, shows the problems CSV, publishes", async () => {
    as("SYSTEM_ADMIN");
    const cases = Buffer.from(CASES);
    const catalogue = Buffer.from(CATALOGUE);
    const { status, body } = await create("2019-10", [
      { name: "实施清单.csv", size: catalogue.length },
      { name: "办件明细.csv", size: cases.length },
    ]);
    expect(status).toBe(201);
    const id = body.id!;
    expect(await put(id, 0, 0, catalogue)).toMatchObject({ status: 200, body: { complete: false } });
    expect(await put(id, 1, 0, cases.subarray(0, 100))).toMatchObject({
      status: 200,
      body: { received: 100, complete: false },
    });
    expect(await put(id, 1, 100, cases.subarray(100))).toMatchObject({
      status: 200,
      body: { received: cases.length, complete: true, processing: true },
    });
    // After the last byte no chunk is taken.
    expect((await put(id, 1, cases.length, new Uint8Array(1))).status).toBe(409);
    const done = await waitFor(id, ["STAGED", "REFUSED", "FAILED"]);
    expect(done.status).toBe("STAGED");
    // The transferred files are removed once the records are in the database.
    expect((await readdir(path.join(dir, String(id)))).filter((f) => f.endsWith(".part"))).toEqual([]);
    const csv = await routes.problems.GET(new Request("http://app/x"), params(id));
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain("文件,工作表,行,列,问题");

    const { readCaseImportPreview } = await import("@/lib/case-records/upload/case-uploads");
    const preview = (await readCaseImportPreview(done.caseImportId!))!;
    const gaj = preview.rows.find((r) => r.name === "市公安局")!;
    expect(gaj).toMatchObject({
      applied: 2,
      accepted: 2,
      completed: 2,
      promisedCompleted: 2,
      overdueCompleted: 1,
      onlineApplied: 1,
    });
    expect(preview.rows.find((r) => r.name === "宣汉县")).toMatchObject({
      applied: 1,
      completed: 1,
      overdueCompleted: 0,
    });
    expect(preview.report!.files.find((f) => f.kind === "cases")!.droppedColumns).toEqual(["申请人姓名"]);

    const { publishCaseImportAction } = await import("@/lib/case-records/actions/case-import-actions");
    const form = new FormData();
    form.set("uploadId", String(id));
    as("OFFICIAL");
    expect(await publishCaseImportAction({}, form)).toEqual({ message: "您没有执行此操作的权限。" });
    as("SYSTEM_ADMIN");
    await expect(publishCaseImportAction({}, form)).rejects.toMatchObject({
      url: expect.stringMatching(/^\/admin\/months\/2019-10\?published=1$/),
    });
    const month = await db.prisma.reportMonth.findUnique({
      where: { month: "2019-10" },
      include: { currentVersion: true },
    });
    expect(month?.currentVersion?.origin).toBe("CASES");
    expect((await progress(id)).status).toBe("PUBLISHED");
  });

  it("marks a processing upload whose server stopped as FAILED on the next read", async () => {
    as("SYSTEM_ADMIN");
    const upload = await db.prisma.caseUpload.create({
      data: {
        month: "2019-09",
        files: [{ name: "a.csv", size: 1 }],
        status: "PROCESSING",
        stage: "read",
        heartbeatAt: new Date(Date.now() - 5 * 60_000),
      },
    });
    const p = await progress(upload.id);
    expect(p.status).toBe("FAILED");
    expect((await db.prisma.caseUpload.findUniqueOrThrow({ where: { id: upload.id } })).message).toContain("处理中断");
    // Not publishable; discardable.
    const { publishCaseImportAction, discardCaseUploadAction } = await import(
      "@/lib/case-records/actions/case-import-actions"
    );
    const form = new FormData();
    form.set("uploadId", String(upload.id));
    expect(await publishCaseImportAction({}, form)).toEqual({ message: "只能发布已处理完成且没有错误的导入。" });
    await expect(discardCaseUploadAction({}, form)).rejects.toMatchObject({ url: "/admin/cases" });
    expect((await progress(upload.id)).status).toBe("DISCARDED");
    expect(await discardCaseUploadAction({}, form)).toEqual({ message: "该导入已放弃。" });
  });
});

describe.skipIf(ON_EMBEDDED)("mapping a refused upload's unknown headers and units", () => {
  // Another platform's export: 办件编号 is 件号, 市公安局 is written 市公安局本级.
  const OTHER_CASES =
    "件号,事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,申请方式,是否批量件,申请时间,受理时间,办结时间\n" +
    "G1,A1,户籍迁移,市公安局本级,承诺件,20,5,网上申请,否,2019-08-08 09:00:00,2019-08-08 10:00:00,2019-08-09 10:00:00\n" +
    "G2,A1,户籍迁移,市公安局本级,承诺件,20,5,窗口申请,否,2019-08-08 09:00:00,2019-08-08 10:00:00,2019-08-30 10:00:00\n" +
    "X1,B1,低保,宣汉县,即办件,1,,窗口申请,否,2019-08-09 09:00:00,2019-08-09 09:00:00,2019-08-09 10:00:00\n";

  async function send(month: string, files: Array<{ name: string; bytes: Buffer }>) {
    const { body } = await create(
      month,
      files.map((f) => ({ name: f.name, size: f.bytes.length })),
    );
    for (const [n, f] of files.entries()) await put(body.id!, n, 0, f.bytes);
    return body.id!;
  }
  const mappingForm = (id: number, units: Array<[string, string]>, columns: Array<[string, string]>) => {
    const form = new FormData();
    form.set("uploadId", String(id));
    units.forEach(([name, code], i) => {
      form.set(`u${i}.name`, name);
      form.set(`u${i}.code`, code);
    });
    columns.forEach(([label, column], i) => {
      form.set(`c${i}.label`, label);
      form.set(`c${i}.column`, column);
    });
    return form;
  };
  const partFiles = async (id: number) =>
    (await readdir(path.join(dir, String(id)))).filter((f) => f.endsWith(".part")).sort();

  // Three staging runs, each a process of its own: past the default 60 s on a loaded machine.
  it("keeps the files, takes the admin's mappings in two rounds, stages, and remembers them at publish", async () => {
    as("SYSTEM_ADMIN");
    const { remapCaseUploadAction, publishCaseImportAction } = await import(
      "@/lib/case-records/actions/case-import-actions"
    );
    const { readCaseImportPreview } = await import("@/lib/case-records/upload/case-uploads");
    const { mappingNeeds } = await import("@/lib/case-records/upload/mapping");
    const gaj = await db.prisma.unit.findFirstOrThrow({ where: { name: "市公安局" } });
    const id = await send("2019-08", [
      { name: "办件.csv", bytes: Buffer.from(OTHER_CASES) },
      { name: "清单.csv", bytes: Buffer.from(CATALOGUE) },
    ]);

    // Round 1: the header. Refused for the missing column; the files stay; 件号 is offered for 办件编号.
    let done = await waitFor(id, ["STAGED", "REFUSED", "FAILED"]);
    expect(done.status).toBe("REFUSED");
    expect(await partFiles(id)).toEqual(["0.part", "1.part"]);
    let report = (await readCaseImportPreview(done.caseImportId!))!.report!;
    expect(report.problems.map((p) => p.code)).toContain("MISSING_COLUMN");
    expect(mappingNeeds(report).files).toEqual([
      expect.objectContaining({
        file: "办件.csv",
        kind: "cases",
        labels: ["件号"],
        missing: ["caseNo"],
        choices: expect.arrayContaining(["caseNo"]),
      }),
    ]);

    // Refused choices change nothing: a label not offered, a column not allowed, nothing chosen, an official.
    expect(await remapCaseUploadAction({}, mappingForm(id, [], [["申请人", "caseNo"]]))).toMatchObject({
      fieldErrors: { c0: ["“申请人”不是本次导入中未识别的列。"] },
    });
    expect(await remapCaseUploadAction({}, mappingForm(id, [], [["件号", "evaluationLevel"]]))).toMatchObject({
      fieldErrors: { c0: ["“件号”不能指定为所选的含义。"] },
    });
    expect(await remapCaseUploadAction({}, mappingForm(id, [], [["件号", ""]]))).toEqual({
      message: "请至少指定一项对应关系。",
      fieldErrors: undefined,
    });
    as("OFFICIAL");
    expect(await remapCaseUploadAction({}, mappingForm(id, [], [["件号", "caseNo"]]))).toEqual({
      message: "您没有执行此操作的权限。",
    });
    as("SYSTEM_ADMIN");
    expect((await progress(id)).status).toBe("REFUSED");

    await expect(remapCaseUploadAction({}, mappingForm(id, [], [["件号", "caseNo"]]))).rejects.toMatchObject({
      url: `/admin/cases/${id}`,
    });
    // A second click finds it processing, not refused.
    expect((await remapCaseUploadAction({}, mappingForm(id, [], [["件号", "caseNo"]]))).message).toBe(
      "只能为已拒绝、可重新处理的导入指定对应关系。",
    );

    // Round 2: now read, the rows name a unit written another way.
    done = await waitFor(id, ["STAGED", "REFUSED", "FAILED"]);
    expect(done.status).toBe("REFUSED");
    report = (await readCaseImportPreview(done.caseImportId!))!.report!;
    expect(report.unknownUnits).toEqual({ 市公安局本级: 2 });
    expect(mappingNeeds(report)).toEqual({ units: [{ name: "市公安局本级", rows: 2 }], files: [] });
    expect(await remapCaseUploadAction({}, mappingForm(id, [["市公安局本级", "NO-SUCH-UNIT"]], []))).toMatchObject({
      fieldErrors: { u0: ["“市公安局本级”所选的单位不存在。"] },
    });
    expect(await remapCaseUploadAction({}, mappingForm(id, [["市税务局", gaj.code]], []))).toMatchObject({
      fieldErrors: { u0: ["“市税务局”不是本次导入中的未知单位。"] },
    });
    await expect(remapCaseUploadAction({}, mappingForm(id, [["市公安局本级", gaj.code]], []))).rejects.toMatchObject({
      url: `/admin/cases/${id}`,
    });

    done = await waitFor(id, ["STAGED", "REFUSED", "FAILED"]);
    expect(done.status).toBe("STAGED");
    expect(await partFiles(id)).toEqual([]);
    const preview = (await readCaseImportPreview(done.caseImportId!))!;
    expect(preview.rows.find((r) => r.name === "市公安局")).toMatchObject({
      applied: 2,
      completed: 2,
      overdueCompleted: 1,
      onlineApplied: 1,
    });
    // Nothing remembered before publishing.
    expect(await db.prisma.unitAlias.count({ where: { alias: "市公安局本级" } })).toBe(0);

    const form = new FormData();
    form.set("uploadId", String(id));
    await expect(publishCaseImportAction({}, form)).rejects.toMatchObject({
      url: expect.stringMatching(/^\/admin\/months\/2019-08\?published=1$/),
    });
    expect(await db.prisma.unitAlias.findFirst({ where: { alias: "市公安局本级" } })).toMatchObject({ unitId: gaj.id });
    expect((await db.prisma.setting.findUniqueOrThrow({ where: { key: "cases.columnAliases" } })).value).toMatchObject({
      件号: "caseNo",
    });
    const audits = await db.prisma.auditEvent.findMany({
      where: { targetType: "CaseUpload", targetId: String(id), action: "cases.remap" },
    });
    expect(audits.map((a) => a.details)).toEqual([
      { units: {}, columns: { 件号: "caseNo" } },
      { units: { 市公安局本级: gaj.code }, columns: {} },
    ]);

    // Remembered: the next month's export of the same platform stages without asking.
    const next = await send("2019-08", [
      { name: "办件.csv", bytes: Buffer.from(OTHER_CASES) },
      { name: "清单.csv", bytes: Buffer.from(CATALOGUE) },
    ]);
    expect((await waitFor(next, ["STAGED", "REFUSED", "FAILED"])).status).toBe("STAGED");
  }, 180_000);

  it("files changed on disk between the refusal and the remap: refused, audited, nothing staged (issue 22)", async () => {
    as("SYSTEM_ADMIN");
    const { readFileSync, writeFileSync } = await import("node:fs");
    const { remapCaseUploadAction } = await import("@/lib/case-records/actions/case-import-actions");
    // Refused for a unit written a way nobody has mapped yet: the files are kept for the remap.
    const gaj = await db.prisma.unit.findFirstOrThrow({ where: { name: "市公安局" } });
    const id = await send("2019-10", [
      { name: "办件.csv", bytes: Buffer.from(CASES.replaceAll(",市公安局,", ",市公安局直属,")) },
      { name: "清单.csv", bytes: Buffer.from(CATALOGUE) },
    ]);
    const refused = await waitFor(id, ["STAGED", "REFUSED", "FAILED"]);
    expect(refused.status).toBe("REFUSED");
    const recorded = (await db.prisma.caseImport.findUniqueOrThrow({ where: { id: refused.caseImportId! } })).sha256;
    // The same size (the kept files still look whole), other bytes: a case number changed.
    const part = path.join(dir, String(id), "0.part");
    writeFileSync(part, readFileSync(part, "utf8").replace("G2,", "G9,"));
    const importsBefore = await db.prisma.caseImport.count();
    await expect(remapCaseUploadAction({}, mappingForm(id, [["市公安局直属", gaj.code]], []))).rejects.toMatchObject({
      url: `/admin/cases/${id}`,
    });
    expect((await waitFor(id, ["STAGED", "REFUSED", "FAILED"])).status).toBe("FAILED");
    const row = await db.prisma.caseUpload.findUniqueOrThrow({ where: { id } });
    expect(row.message).toMatch(/存储的文件“办件\.csv \+ 清单\.csv”与上传时登记的 SHA-256 校验值不符/);
    expect(row.message).toMatch(/no longer matches the SHA-256/);
    expect(await db.prisma.caseImport.count()).toBe(importsBefore); // nothing staged
    expect(await partFiles(id)).toEqual([]);
    const events = await db.prisma.auditEvent.findMany({
      where: { action: "file.integrityFailed", targetType: "CaseUpload", targetId: String(id) },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ fileName: "办件.csv + 清单.csv", expected: recorded });
    expect((events[0]!.details as { actual: string }).actual).toMatch(/^[0-9a-f]{64}$/);
    expect((events[0]!.details as { actual: string }).actual).not.toBe(recorded);
  }, 180_000);

  it("a refusal no mapping can fix (a bad row beside an unknown unit) removes the files and offers no mapping", async () => {
    as("SYSTEM_ADMIN");
    const bad = CASES.replace("2019-10-10 10:00:00", "2019-10-01 10:00:00").replace(",宣汉县,", ",宣汉县本级,"); // 办结 before 受理; a unit unknown
    const id = await send("2019-10", [{ name: "坏.csv", bytes: Buffer.from(bad) }]);
    expect((await waitFor(id, ["STAGED", "REFUSED", "FAILED"])).status).toBe("REFUSED");
    expect(await partFiles(id)).toEqual([]);
    const { remapCaseUploadAction } = await import("@/lib/case-records/actions/case-import-actions");
    expect((await remapCaseUploadAction({}, mappingForm(id, [["宣汉县本级", "x04"]], []))).message).toBe(
      "只能为已拒绝、可重新处理的导入指定对应关系。",
    );
  });

  it("files kept for later go after 7 days: a refused upload's (no mapping then), an unfinished transfer's (FAILED)", async () => {
    as("SYSTEM_ADMIN");
    const { mkdirSync, writeFileSync, existsSync } = await import("node:fs");
    const old = new Date(Date.now() - 8 * 24 * 3600_000);
    const refused = await db.prisma.caseUpload.create({
      data: { month: "2019-07", files: [{ name: "a.csv", size: 3 }], status: "REFUSED", processedAt: old },
    });
    const recent = await db.prisma.caseUpload.create({
      data: { month: "2019-07", files: [{ name: "a.csv", size: 3 }], status: "REFUSED", processedAt: new Date() },
    });
    const stuck = await db.prisma.caseUpload.create({
      data: { month: "2019-07", files: [{ name: "a.csv", size: 3 }], status: "TRANSFERRING", createdAt: old },
    });
    for (const u of [refused, recent, stuck]) {
      mkdirSync(path.join(dir, String(u.id)), { recursive: true });
      writeFileSync(path.join(dir, String(u.id), "0.part"), "abc");
    }
    const { listCaseUploads } = await import("@/lib/case-records/upload/case-uploads");
    await listCaseUploads();
    expect(existsSync(path.join(dir, String(refused.id), "0.part"))).toBe(false);
    expect(existsSync(path.join(dir, String(recent.id), "0.part"))).toBe(true);
    expect(existsSync(path.join(dir, String(stuck.id)))).toBe(false);
    expect((await progress(stuck.id)).status).toBe("FAILED");
    const { filesKept } = await import("@/lib/case-records/upload/mapping");
    expect(await filesKept(refused.id, refused.files)).toBe(false);
    expect(await filesKept(recent.id, recent.files)).toBe(true);
  });
});
