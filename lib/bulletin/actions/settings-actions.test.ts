// The problem thresholds and the bulletin texts: only admins may change them; each change is
// stored (texts as a new version), audited, and refreshes the report-data cache; the bulletin
// then prints the new thresholds' problems and the newest texts. Real database; only the
// session source (Auth.js's auth()) and Next's cache functions are stood in for.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { REPORT_DATA_TAG } from "@/lib/cache/cache-tags";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { formOf as form, updatedTags } from "@/test/helpers/next-stand-ins";
import { signInAs as as } from "@/test/helpers/session-stand-in";

let db: TestDatabase;

vi.mock("next/headers", async () => (await import("@/test/helpers/session-stand-in")).noCookies);
vi.mock("@/lib/access/session", async () => (await import("@/test/helpers/session-stand-in")).signedIn);
vi.mock("next/cache", async () => (await import("@/test/helpers/next-stand-ins")).nextCache);

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const { seedDatabase } = await import("@/lib/demo-data/seed-database");
  await seedDatabase(db.prisma, { demoMonths: 1 });
});
afterAll(() => db?.drop());
beforeEach(() => {
  updatedTags.length = 0;
});

const ALL_RULES = {
  "enabled.lowCoverage": "on",
  "enabled.evaluationRateDrop": "on",
  "enabled.lowCatalogClaim": "on",
  "enabled.noCases": "on",
  "enabled.overdue": "on",
  "enabled.missingData": "on",
};
const settingsForm = (values: Record<string, string>) =>
  form({
    coverageRateBelow: "50",
    evaluationRateDropAbove: "10",
    catalogClaimRateBelow: "100",
    ...ALL_RULES,
    ...values,
  });

async function textsForm(month: string, changes: Record<string, string> = {}) {
  const { editableTexts } = await import("@/lib/bulletin/texts/bulletin-texts");
  const { getBulletinTexts } = await import("@/lib/bulletin/read-bulletin");
  const { texts, version } = await getBulletinTexts(month);
  const current = editableTexts(month, texts);
  const values: Record<string, string> = {
    month,
    baseVersion: String(version ?? 0),
    overviewNote: current.overviewNote ?? "",
    issuer: current.issuer,
    issueDate: current.issueDate ?? "",
  };
  for (const [kind, remark] of Object.entries(current.problemRemarks)) values[`remark.${kind}`] = remark;
  for (const { label, lines } of current.distribution) values[`distribution.${label}`] = lines.join("\n");
  return form({ ...values, ...changes });
}

const actions = async () => ({
  settings: (await import("@/lib/bulletin/actions/update-problem-settings")).updateProblemSettingsAction,
  texts: (await import("@/lib/bulletin/actions/update-bulletin-texts")).updateBulletinTextsAction,
});

async function problemKinds(month = "2021-06") {
  const { getBulletin } = await import("@/lib/bulletin/read-bulletin");
  return (await getBulletin(month))!.problems.map((p) => p.kind);
}

describe("refused to anyone but an admin", () => {
  it.each([
    ["signed out", null],
    ["an official", "OFFICIAL"],
    ["a department user", "DEPARTMENT"],
  ] as const)("%s", async (_who, role) => {
    as(role);
    const { settings, texts } = await actions();
    const a = await settings({}, settingsForm({ coverageRateBelow: "1" }));
    const b = await texts({}, await textsForm("2021-06", { issuer: "冒充的机关" }));
    for (const result of [a, b]) {
      expect(result.ok).toBeFalsy();
      expect(result.message).toMatch(/没有执行此操作的权限|登录已失效/);
    }
    expect(await db.prisma.setting.count()).toBe(0);
    expect(await db.prisma.bulletinText.count()).toBe(0);
    expect(updatedTags).toEqual([]);
  });
});

describe("problem thresholds", () => {
  it("defaults find the report's three problems and the departments without cases", async () => {
    expect(await problemKinds()).toEqual(["lowCoverage", "evaluationRateDrop", "lowCatalogClaim", "noCases"]);
  });

  it("an invalid form stores nothing and says which field", async () => {
    as("SYSTEM_ADMIN");
    const { settings } = await actions();
    const result = await settings({}, settingsForm({ evaluationRateDropAbove: "abc" }));
    expect(result.fieldErrors?.evaluationRateDropAbove).toBeDefined();
    expect(result.values?.evaluationRateDropAbove).toBe("abc");
    expect(await db.prisma.setting.count()).toBe(0);
  });

  it("an admin's change is stored, audited, refreshes the cache and changes the problems", async () => {
    as("SYSTEM_ADMIN");
    const { settings } = await actions();
    const result = await settings({}, settingsForm({ evaluationRateDropAbove: "40", "enabled.noCases": "" }));
    expect(result).toMatchObject({ ok: true });
    expect(updatedTags).toEqual([REPORT_DATA_TAG]);
    const row = await db.prisma.setting.findUniqueOrThrow({ where: { key: "report.problemThresholds" } });
    expect(row.value).toMatchObject({ evaluationRateDropAbove: 40, coverageRateBelow: 50, enabled: { noCases: true } });
    expect(row.updatedById).toBe(1);
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "settings.update" } });
    expect(event.actorId).toBe(1);
    expect(event.details).toMatchObject({
      changed: ["evaluationRateDropAbove"],
      before: { evaluationRateDropAbove: 10 },
      after: { evaluationRateDropAbove: 40 },
    });
    // A 35.09-point drop is no longer above the threshold.
    expect(await problemKinds()).toEqual(["lowCoverage", "lowCatalogClaim", "noCases"]);
  });

  it("switching a rule off removes its problem; saving the same values again changes nothing", async () => {
    as("SYSTEM_ADMIN");
    const { settings } = await actions();
    const form1 = settingsForm({ evaluationRateDropAbove: "40" });
    form1.delete("enabled.noCases");
    expect((await settings({}, form1)).ok).toBe(true);
    expect(await problemKinds()).toEqual(["lowCoverage", "lowCatalogClaim"]);
    const form2 = settingsForm({ evaluationRateDropAbove: "40" });
    form2.delete("enabled.noCases");
    updatedTags.length = 0;
    const again = await settings({}, form2);
    expect(again.message).toBe("与当前设置相同，未作修改。");
    expect(updatedTags).toEqual([]);
    expect(await db.prisma.auditEvent.count({ where: { action: "settings.update" } })).toBe(2);
    // Back to the defaults.
    expect((await settings({}, settingsForm({}))).ok).toBe(true);
    expect(await problemKinds()).toEqual(["lowCoverage", "evaluationRateDrop", "lowCatalogClaim", "noCases"]);
  });
});

describe("bulletin texts", () => {
  it("each save is a new version, audited; the bulletin prints the newest", async () => {
    as("SYSTEM_ADMIN");
    const { texts } = await actions();
    const remark = "与其他市州相比，仍有较大差距。各地各部门要严格按照应录尽录要求补齐短板。";
    const first = await texts({}, await textsForm("2021-06", { "remark.lowCoverage": remark }));
    expect(first).toMatchObject({ ok: true, message: "已保存为第 1 版，通报已更新。" });
    expect(updatedTags).toEqual([REPORT_DATA_TAG]);
    const second = await texts(
      {},
      await textsForm("2021-06", { issueDate: "2021-07-27", "distribution.发": "各县（市、区）行政审批局。" }),
    );
    expect(second.message).toBe("已保存为第 2 版，通报已更新。");

    const versions = await db.prisma.bulletinText.findMany({
      where: { month: "2021-06" },
      orderBy: { version: "asc" },
    });
    expect(versions.map((v) => [v.version, v.createdById])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    const events = await db.prisma.auditEvent.findMany({
      where: { action: "bulletin.updateTexts" },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.month, e.targetId, e.details])).toEqual([
      ["2021-06", "2021-06 v1", { version: 1, changed: ["problemRemarks.lowCoverage"] }],
      ["2021-06", "2021-06 v2", { version: 2, changed: ["distribution", "issueDate"] }],
    ]);

    const { getBulletin } = await import("@/lib/bulletin/read-bulletin");
    const { bulletinPlainText } = await import("@/lib/bulletin/build");
    const text = bulletinPlainText((await getBulletin("2021-06"))!);
    expect(text).toContain(`全市办件覆盖率仅为33.19%。办件覆盖率低于50.00%的有`);
    expect(text).toContain(remark);
    expect(text).toContain("发：各县（市、区）行政审批局。");
    expect(text).toContain("2021年7月27日印发");
    // The reference month's own note stays (the form carried it).
    expect(text).toContain("（备注：本月未将批量件纳入办件统计）");
  });

  it("an unchanged form saves no version; a form from an older version is refused", async () => {
    as("SYSTEM_ADMIN");
    const { texts } = await actions();
    expect((await texts({}, await textsForm("2021-06"))).message).toBe("与当前版本相同，未保存新版本。");
    const stale = await textsForm("2021-06", { baseVersion: "1", issuer: "达州市政务服务管理局（盖章）" });
    const refused = await texts({}, stale);
    expect(refused.ok).toBeFalsy();
    expect(refused.message).toContain("其他管理员刚刚保存了新版本");
    expect(await db.prisma.bulletinText.count({ where: { month: "2021-06" } })).toBe(2);
  });

  it("invalid input: field errors, nothing saved; unknown months refused", async () => {
    as("SYSTEM_ADMIN");
    const { texts } = await actions();
    const result = await texts({}, await textsForm("2021-06", { issuer: "", issueDate: "2021-13-01" }));
    expect(result.fieldErrors).toEqual({ issuer: ["请填写印发机关"], issueDate: ["印发日期须为有效日期（年-月-日）"] });
    expect((await texts({}, await textsForm("2030-01"))).message).toBe("该月份没有已发布的数据。");
    expect((await texts({}, await textsForm("2021-06", { month: "../x" }))).message).toBe("参数无效 / invalid input");
    expect(await db.prisma.bulletinText.count()).toBe(2);
  });

  it("other months start from the generic texts, with a blank issue date", async () => {
    as("SYSTEM_ADMIN");
    const { getBulletin } = await import("@/lib/bulletin/read-bulletin");
    const may = (await getBulletin("2021-05"))!;
    expect(may.closing.issueLine).toBe("　　年　　月　　日印发");
    expect(may.closing.issuer).toBe("达州市政务服务管理局");
  });
});
