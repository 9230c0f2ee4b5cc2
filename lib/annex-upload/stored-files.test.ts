// Integration (real PostgreSQL): an upload's stored files are checked against the SHA-256
// recorded when they were staged, every time they are read back (issue 22, 数据完整性). A file
// whose bytes are changed in the database after staging is refused by the download route (409,
// the message in the reader's language, none of its bytes), by the preview and by the publish
// (nothing published); each refusal is an audit event file.integrityFailed naming the file,
// the recorded digest and the one found. The intact upload is served and read as before.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { signInAs } from "@/test/helpers/session-stand-in";

vi.mock("next/headers", async () => (await import("@/test/helpers/session-stand-in")).noCookies);
vi.mock("@/lib/access/session", async () => (await import("@/test/helpers/session-stand-in")).signedIn);
vi.mock("next/cache", async () => (await import("@/test/helpers/next-stand-ins")).nextCache);
signInAs("SYSTEM_ADMIN");

const MONTH = "2019-12"; // before the seeded months
const ADMIN_ID = 1; // the seeded admin (test/helpers/session-stand-in.ts)
let db: TestDatabase;
let uploadId: number;
let original: Uint8Array<ArrayBuffer>;
let fileId: number;

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const { seedDatabase } = await import("@/lib/demo-data/seed-database");
  await seedDatabase(db.prisma, { demoMonths: 1 });
  const { buildTemplateWorkbook, workbookBytes } = await import("@/lib/annex-upload/parse");
  const { referenceMonth } = await import("@/lib/annex-upload/parse/test-support");
  const { stageUpload } = await import("@/lib/annex-upload/stage-upload");
  original = new Uint8Array(await workbookBytes(buildTemplateWorkbook({ month: MONTH, units: referenceMonth.rows })));
  const staged = await stageUpload(db.prisma, {
    fileName: "通报-2019-12.xlsx",
    bytes: original,
    uploadedById: ADMIN_ID,
  });
  if (staged.kind !== "staged") throw new Error(`not staged: ${staged.kind}`);
  uploadId = staged.uploadId;
  fileId = (await db.prisma.uploadFile.findFirstOrThrow({ where: { uploadId } })).id;
});
afterAll(() => db?.drop());

const download = async (lang: "zh-CN" | "en" = "zh-CN") => {
  const { GET } = await import("@/app/api/uploads/[id]/file/route");
  const headers = lang === "en" ? { referer: `http://127.0.0.1/en/admin/uploads/${uploadId}` } : undefined;
  return GET(new Request(`http://127.0.0.1/api/uploads/${uploadId}/file`, { headers }), {
    params: Promise.resolve({ id: String(uploadId) }),
  });
};

const integrityEvents = () =>
  db.prisma.auditEvent.findMany({ where: { action: "file.integrityFailed" }, orderBy: { id: "asc" } });

describe("an upload's stored files, checked against their SHA-256 when read", () => {
  it("intact: the download serves the bytes as staged, the preview reads them, nothing is audited", async () => {
    const response = await download();
    expect(response.status).toBe(200);
    expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(sha256(original));
    const { loadUploadPreview } = await import("./uploads");
    const preview = await loadUploadPreview(uploadId, ADMIN_ID);
    expect(preview?.kind).toBe("checked");
    expect(await integrityEvents()).toHaveLength(0);
  });

  it("altered in the database: download, preview and publish refuse it, each refusal audited", async () => {
    const altered = Uint8Array.from(original);
    const at = altered.length - 10;
    altered[at] = (altered[at] ?? 0) ^ 0xff;
    // As an edit straight in the database would (the application never updates it).
    await db.prisma.uploadFile.update({ where: { id: fileId }, data: { content: altered } });

    const zh = await download();
    expect(zh.status).toBe(409);
    const zhBody = (await zh.json()) as { error: string };
    expect(zhBody.error).toContain("通报-2019-12.xlsx");
    expect(zhBody.error).toMatch(/SHA-256 校验值不符.*已拒绝读取/);
    const en = await download("en");
    expect(en.status).toBe(409);
    const enBody = await en.text();
    expect(enBody).toMatch(/no longer matches the SHA-256/);
    // None of the file's bytes: the answer is the message only.
    expect(enBody).not.toContain("PK");

    const { loadUploadPreview } = await import("./uploads");
    const preview = await loadUploadPreview(uploadId, ADMIN_ID);
    expect(preview).toMatchObject({ kind: "altered", fileName: "通报-2019-12.xlsx" });
    expect(preview).not.toHaveProperty("check");

    const { publishUpload } = await import("./publish-upload");
    const versionsBefore = await db.prisma.monthVersion.count();
    const published = await publishUpload(db.prisma, {
      uploadId,
      actorId: ADMIN_ID,
      acknowledgeWarnings: true,
      acknowledgeGaps: true,
      locale: "en",
    });
    expect(published).toMatchObject({ ok: false, reason: "altered" });
    expect(!published.ok && published.message).toMatch(/“通报-2019-12\.xlsx” no longer matches/);
    expect(await db.prisma.monthVersion.count()).toBe(versionsBefore);
    expect((await db.prisma.upload.findUniqueOrThrow({ where: { id: uploadId } })).status).toBe("STAGED");

    const events = await integrityEvents();
    expect(events).toHaveLength(4); // two downloads, the preview, the publish
    for (const e of events) {
      expect(e).toMatchObject({ actorId: ADMIN_ID, targetType: "UploadFile", targetId: String(fileId), month: MONTH });
      expect(e.details).toEqual({ fileName: "通报-2019-12.xlsx", expected: sha256(original), actual: sha256(altered) });
    }
  });

  it("restored (the staged bytes back): served again", async () => {
    await db.prisma.uploadFile.update({ where: { id: fileId }, data: { content: original } });
    const response = await download();
    expect(response.status).toBe(200);
    expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(sha256(original));
  });
});
