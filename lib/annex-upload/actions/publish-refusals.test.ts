// The publish and rollback actions as the preview and history pages call them: the version the
// page showed travels in the form (baseVersionId, currentVersionId), and a publish or rollback
// after someone else's is answered with a message (no error page, nothing written).
// Real database; only the session (auth()) and Next's cache and redirect are stood in for.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildTemplateWorkbook, workbookBytes } from "@/lib/annex-upload/parse";
import { referenceMonth } from "@/lib/annex-upload/parse/test-support";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { formOf as form } from "@/test/helpers/next-stand-ins";
import { signInAs } from "@/test/helpers/session-stand-in";

const MONTH = "2019-11";
let db: TestDatabase;
const uploads: number[] = [];

vi.mock("next/headers", async () => (await import("@/test/helpers/session-stand-in")).noCookies);
vi.mock("@/lib/access/session", async () => (await import("@/test/helpers/session-stand-in")).signedIn);
vi.mock("next/cache", async () => (await import("@/test/helpers/next-stand-ins")).nextCache);
vi.mock("next/navigation", async () => (await import("@/test/helpers/next-stand-ins")).nextNavigation);
signInAs("SYSTEM_ADMIN"); // every request is the admin's

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const { seedDatabase } = await import("@/lib/demo-data/seed-database");
  await seedDatabase(db.prisma, { demoMonths: 0 });
  const { stageUpload } = await import("@/lib/annex-upload/stage-upload");
  for (const delta of [0, 1]) {
    const rows = referenceMonth.rows.map((r) => ({ ...r, completed: r.completed + delta }));
    const staged = await stageUpload(db.prisma, {
      fileName: `${MONTH}-${delta}.xlsx`,
      bytes: await workbookBytes(buildTemplateWorkbook({ month: MONTH, units: rows })),
      uploadedById: 1,
    });
    if (staged.kind !== "staged") throw new Error("not staged");
    uploads.push(staged.uploadId);
  }
});
afterAll(() => db?.drop());

describe("publish and rollback actions after someone else's publish", () => {
  it("a preview of a month that had no version, published after version 1 landed: refused with the message; a second publish of one upload: told it is published", async () => {
    const { publishUploadAction } = await import("./publish-upload");
    const [a, b] = uploads as [number, number];
    // Both previews were shown when the month had no version (baseVersionId "").
    await expect(
      publishUploadAction(
        {},
        form({ uploadId: String(a), baseVersionId: "", acknowledge: "on", acknowledgeGaps: "on" }),
      ),
    ).rejects.toMatchObject({ url: `/admin/months/${MONTH}?published=1` });
    const versions = await db.prisma.monthVersion.count({ where: { month: MONTH } });
    expect(
      await publishUploadAction(
        {},
        form({ uploadId: String(b), baseVersionId: "", acknowledge: "on", acknowledgeGaps: "on" }),
      ),
    ).toEqual({
      message: `未发布：此预览检查时 ${MONTH} 还没有任何版本，但此后第 1 版已经发布并成为当前版本。请刷新预览，对照第 1 版重新检查后再发布。`,
    });
    expect(
      await publishUploadAction(
        {},
        form({ uploadId: String(a), baseVersionId: "", acknowledge: "on", acknowledgeGaps: "on" }),
      ),
    ).toEqual({
      message: `该上传已发布为 ${MONTH} 第 1 版，不能再次发布。`,
    });
    expect(await db.prisma.monthVersion.count({ where: { month: MONTH } })).toBe(versions);
    expect((await db.prisma.upload.findUniqueOrThrow({ where: { id: b } })).status).toBe("STAGED");

    // Reloaded, the preview shows version 1 as its base: the publish lands as version 2.
    const v1 = await db.prisma.monthVersion.findFirstOrThrow({ where: { month: MONTH, number: 1 } });
    await expect(
      publishUploadAction(
        {},
        form({ uploadId: String(b), baseVersionId: String(v1.id), acknowledge: "on", acknowledgeGaps: "on" }),
      ),
    ).rejects.toMatchObject({ url: `/admin/months/${MONTH}?published=2` });
    expect((await db.prisma.upload.findUniqueOrThrow({ where: { id: a } })).status).toBe("SUPERSEDED");
  });

  it("a rollback asked from a page that showed another current version: refused with the message", async () => {
    const { rollbackMonthAction } = await import("@/lib/month-versions/actions/rollback-month");
    const [v1, v2] = await db.prisma.monthVersion.findMany({ where: { month: MONTH }, orderBy: { number: "asc" } });
    const before = await db.prisma.monthVersion.count({ where: { month: MONTH } });
    // The history page was shown while version 1 was current, before version 2 landed.
    expect(
      await rollbackMonthAction(
        {},
        form({ month: MONTH, versionId: String(v1!.id), currentVersionId: String(v1!.id) }),
      ),
    ).toEqual({
      message: `未回退：此页面显示时 ${MONTH} 的当前版本是第 1 版，但此后第 2 版已经成为当前版本。请刷新页面后再操作。`,
    });
    expect(await db.prisma.monthVersion.count({ where: { month: MONTH } })).toBe(before);
    // From the reloaded page (version 2 current): the rollback lands as version 3.
    expect(
      await rollbackMonthAction(
        {},
        form({ month: MONTH, versionId: String(v1!.id), currentVersionId: String(v2!.id) }),
      ),
    ).toMatchObject({ ok: true });
    expect(await db.prisma.monthVersion.count({ where: { month: MONTH } })).toBe(before + 1);
  });
});
