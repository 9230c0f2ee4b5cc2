// Integration (real PostgreSQL): an issued edition's files are served exactly as issued, and
// checked against the SHA-256 recorded when it was issued at every download (issue 22,
// 数据完整性). Bytes changed in the database since are refused by the download route (409, the
// message in the reader's language naming the file, none of its bytes) and the refusal is an
// audit event file.integrityFailed naming the edition, the recorded digest and the one found;
// the edition's other files are served as before.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { signInAs } from "@/test/helpers/session-stand-in";

vi.mock("next/headers", async () => (await import("@/test/helpers/session-stand-in")).noCookies);
vi.mock("@/lib/access/session", async () => (await import("@/test/helpers/session-stand-in")).signedIn);
vi.mock("next/cache", async () => (await import("@/test/helpers/next-stand-ins")).nextCache);
signInAs("SYSTEM_ADMIN");

const MONTH = "2021-06";
const ADMIN_ID = 1; // the seeded admin (test/helpers/session-stand-in.ts)
let db: TestDatabase;
let issueId: number;
let issued: { docx: Uint8Array<ArrayBuffer>; sha256: string };

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const { seedDatabase } = await import("@/lib/demo-data/seed-database");
  await seedDatabase(db.prisma, { demoMonths: 1 });
  const { issueBulletin } = await import("./issue-bulletin");
  const result = await issueBulletin(db.prisma, { month: MONTH, actorId: ADMIN_ID });
  if (!result.ok) throw new Error("not issued");
  const row = await db.prisma.bulletinIssue.findFirstOrThrow({ where: { month: MONTH, edition: 1 } });
  issueId = row.id;
  issued = { docx: Uint8Array.from(row.docx), sha256: row.docxSha256 };
}, 180_000);
afterAll(() => db?.drop());

async function download(kind: "docx" | "pdf", lang: "zh-CN" | "en" = "zh-CN") {
  const route =
    kind === "docx"
      ? await import("@/app/api/reports/[month]/bulletin.docx/route")
      : await import("@/app/api/reports/[month]/bulletin.pdf/route");
  const headers = lang === "en" ? { referer: `http://127.0.0.1/en/reports/${MONTH}` } : undefined;
  return route.GET(new Request(`http://127.0.0.1/api/reports/${MONTH}/bulletin.${kind}`, { headers }), {
    params: Promise.resolve({ month: MONTH }),
  });
}

const integrityEvents = () =>
  db.prisma.auditEvent.findMany({ where: { action: "file.integrityFailed" }, orderBy: { id: "asc" } });

describe("an issued bulletin's files, checked against their SHA-256 at every download", () => {
  it("intact: the .docx is served byte for byte as issued, nothing is audited", async () => {
    expect(issued.sha256).toBe(sha256(issued.docx));
    const response = await download("docx");
    expect(response.status).toBe(200);
    expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(issued.sha256);
    expect(await integrityEvents()).toHaveLength(0);
  });

  it("altered in the database: refused in the reader's language, audited; the edition's .pdf still served", async () => {
    const altered = Uint8Array.from(issued.docx);
    const at = altered.length - 10;
    altered[at] = (altered[at] ?? 0) ^ 0xff;
    // As an edit straight in the database would (the application never updates an issued edition).
    await db.prisma.bulletinIssue.update({ where: { id: issueId }, data: { docx: altered } });

    const zh = await download("docx");
    expect(zh.status).toBe(409);
    expect(zh.headers.get("cache-control")).toBe("private, no-store");
    const zhBody = (await zh.json()) as { error: string };
    expect(zhBody.error).toContain("达州市政务服务事项运行情况（2021年6月）.docx");
    expect(zhBody.error).toMatch(/SHA-256 校验值不符.*已拒绝读取/);
    const en = await download("docx", "en");
    expect(en.status).toBe(409);
    const enBody = await en.text();
    expect(enBody).toMatch(/no longer matches the SHA-256/);
    expect(enBody).not.toContain("PK"); // none of the file's bytes

    const pdf = await download("pdf");
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    const events = await integrityEvents();
    expect(events).toHaveLength(2);
    for (const e of events) {
      expect(e).toMatchObject({
        actorId: ADMIN_ID,
        targetType: "BulletinIssue",
        targetId: String(issueId),
        month: MONTH,
      });
      expect(e.details).toEqual({
        fileName: "达州市政务服务事项运行情况（2021年6月）.docx",
        expected: issued.sha256,
        actual: sha256(altered),
      });
    }
  });

  it("restored from the backup (the issued bytes back): served again", async () => {
    await db.prisma.bulletinIssue.update({ where: { id: issueId }, data: { docx: issued.docx } });
    const response = await download("docx");
    expect(response.status).toBe(200);
    expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(issued.sha256);
  });
});
