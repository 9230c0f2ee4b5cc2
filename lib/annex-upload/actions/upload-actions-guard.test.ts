// The upload flow's server actions check their caller themselves: signed out, an official or
// a department user is refused and nothing is written; an admin publishes and rolls back.
// Real database; only the session (auth()) and Next's cache functions are stood in for.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildTemplateWorkbook, workbookBytes } from "@/lib/annex-upload/parse";
import { referenceMonth } from "@/lib/annex-upload/parse/test-support";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { updatedTags as expired, formOf as form } from "@/test/helpers/next-stand-ins";
import { signInAs as as } from "@/test/helpers/session-stand-in";

let db: TestDatabase;

vi.mock("next/headers", async () => (await import("@/test/helpers/session-stand-in")).noCookies);
vi.mock("@/lib/access/session", async () => (await import("@/test/helpers/session-stand-in")).signedIn);
vi.mock("next/cache", async () => (await import("@/test/helpers/next-stand-ins")).nextCache);
vi.mock("next/navigation", async () => (await import("@/test/helpers/next-stand-ins")).nextNavigation);

let uploadId: number;
beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const { seedDatabase } = await import("@/lib/demo-data/seed-database");
  await seedDatabase(db.prisma, { demoMonths: 0 });
  const { stageUpload } = await import("@/lib/annex-upload/stage-upload");
  const bytes = await workbookBytes(buildTemplateWorkbook({ month: "2019-12", units: referenceMonth.rows }));
  const staged = await stageUpload(db.prisma, { fileName: "2019-12.xlsx", bytes, uploadedById: 1 });
  if (staged.kind !== "staged") throw new Error("not staged");
  uploadId = staged.uploadId;
});
afterAll(() => db?.drop());

const snapshot = async () =>
  JSON.stringify([
    await db.prisma.monthVersion.findMany({ orderBy: { id: "asc" } }),
    await db.prisma.reportMonth.findMany({ orderBy: { month: "asc" } }),
    await db.prisma.upload.findMany({
      orderBy: { id: "asc" },
      select: { id: true, status: true, unitMappings: true, summaryForm: true },
    }),
    await db.prisma.auditEvent.count(),
  ]);

describe("upload actions", () => {
  it.each([
    ["signed out", () => as(null)],
    ["an official", () => as("OFFICIAL")],
    ["a department user", () => as("DEPARTMENT", { unitCode: "d08" })],
  ])("%s: refused, nothing written", async (_who, become) => {
    become();
    const { publishUploadAction, saveUploadChoicesAction } = await import("./publish-upload");
    const { rollbackMonthAction } = await import("@/lib/month-versions/actions/rollback-month");
    const before = await snapshot();
    const v1 = await db.prisma.monthVersion.findFirstOrThrow({ where: { month: "2021-06" } });
    for (const result of [
      await publishUploadAction({}, form({ uploadId: String(uploadId), acknowledge: "on" })),
      await saveUploadChoicesAction({}, form({ uploadId: String(uploadId), "summary:CITY:applied": "1" })),
      await rollbackMonthAction({}, form({ month: "2021-06", versionId: String(v1.id) })),
    ]) {
      expect(result.ok).toBeFalsy();
      expect(result.message).toMatch(/没有执行此操作的权限|登录已失效/);
    }
    expect(await snapshot()).toBe(before);
  });

  it("an admin publishes (redirect to the history page, report data expired) and rolls back", async () => {
    as("SYSTEM_ADMIN");
    const { publishUploadAction } = await import("./publish-upload");
    const { rollbackMonthAction } = await import("@/lib/month-versions/actions/rollback-month");
    const refused = await publishUploadAction({}, form({ uploadId: String(uploadId) }));
    expect(refused.message).toContain("请先确认");
    await expect(
      publishUploadAction({}, form({ uploadId: String(uploadId), acknowledge: "on", acknowledgeGaps: "on" })),
    ).rejects.toMatchObject({ url: "/admin/months/2019-12?published=1" });
    expect(expired).toContain("report-data");
    const month = await db.prisma.reportMonth.findUniqueOrThrow({ where: { month: "2019-12" } });
    expect(month.currentVersionId).not.toBeNull();
    const v1 = await db.prisma.monthVersion.findFirstOrThrow({ where: { month: "2021-06", number: 1 } });
    const same = await rollbackMonthAction({}, form({ month: "2021-06", versionId: String(v1.id) }));
    expect(same.message).toContain("已是当前版本");
  });
});
