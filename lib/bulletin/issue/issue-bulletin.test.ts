// 印发 on a real database: issue 2021-06, then change a threshold, a remark and publish a new
// data version. The issued bulletin's text and its three downloads stay byte-identical; the
// draft beside it shows the differences; issuing again gives 第2版 with its correction note,
// and both editions stay readable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BulletinTexts, bulletinPlainText } from "@/lib/bulletin/build";
import { PROBLEM_SETTINGS_KEY } from "@/lib/bulletin/thresholds/problem-settings";
import { seedDatabase } from "@/lib/demo-data/seed-database";
import { ANNEX_FIELDS } from "@/lib/indicators/types";
import { createMonthVersion } from "@/lib/month-versions/create-month-version";
import { loadVersionData } from "@/lib/month-versions/version-data";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { draftDifferences } from "./draft-differences";
import { loadDraftBeside } from "./draft-inputs";
import { issueBulletin } from "./issue-bulletin";
import { getIssuedBulletin, getIssueFile, listIssues } from "./read-issues";

const MONTH = "2021-06";
let db: TestDatabase;

async function files(edition: number | null = null) {
  const out: Record<string, Buffer> = {};
  for (const kind of ["docx", "pdf", "xlsx"] as const)
    out[kind] = Buffer.from((await getIssueFile(db.prisma, MONTH, kind, edition))!.bytes);
  return out;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db.prisma);
}, 120_000);
afterAll(() => db?.drop());

describe("issuing a bulletin", () => {
  it("freezes 2021-06 against later thresholds, remarks and data; the draft shows the differences; reissuing gives 第2版", async () => {
    const admin = await db.prisma.user.findFirst({ where: { role: "SYSTEM_ADMIN" } });
    const first = await issueBulletin(db.prisma, { month: MONTH, actorId: admin?.id ?? null });
    expect(first).toMatchObject({ ok: true, edition: 1 });
    const issued = (await getIssuedBulletin(db.prisma, MONTH))!;
    const issuedText = bulletinPlainText(issued.document, { annexes: true });
    expect(issued.document.closing.issueLine).toBe("2021年7月26日印发");
    const before = await files();
    expect(before.docx!.subarray(0, 2).toString()).toBe("PK");
    expect(before.pdf!.subarray(0, 5).toString()).toBe("%PDF-");
    const audit = await db.prisma.auditEvent.findFirst({ where: { action: "bulletin.issue", month: MONTH } });
    expect(audit?.targetId).toBe("2021-06 第1版");

    // Nothing changed yet: the draft is the issued bulletin.
    const unchanged = (await loadDraftBeside(db.prisma, MONTH, issued.texts as BulletinTexts))!;
    expect(
      draftDifferences(issued, {
        document: unchanged.document,
        versionNumber: unchanged.inputs.versionNumber,
        settings: unchanged.inputs.settings,
        texts: unchanged.texts,
      }).none,
    ).toBe(true);

    // A threshold, a remark and a new data version.
    await db.prisma.setting.upsert({
      where: { key: PROBLEM_SETTINGS_KEY },
      create: {
        key: PROBLEM_SETTINGS_KEY,
        value: { coverageRateBelow: 30, evaluationRateDropAbove: 10, catalogClaimRateBelow: 100, enabled: {} },
      },
      update: {
        value: { coverageRateBelow: 30, evaluationRateDropAbove: 10, catalogClaimRateBelow: 100, enabled: {} },
      },
    });
    await db.prisma.bulletinText.create({
      data: {
        month: MONTH,
        version: 1,
        content: {
          issueDate: "2021-07-26",
          overviewNote: "本月未将批量件纳入办件统计",
          problemRemarks: { lowCoverage: "请各单位于月底前整改。" },
        },
      },
    });
    const reportMonth = await db.prisma.reportMonth.findUniqueOrThrow({ where: { month: MONTH } });
    const data = await loadVersionData(db.prisma, reportMonth.currentVersionId!);
    const units = new Map((await db.prisma.unit.findMany()).map((u) => [u.code, u.id]));
    await db.prisma.$transaction((tx) =>
      createMonthVersion(tx, {
        month: MONTH,
        origin: "UPLOAD",
        isDemo: false,
        summaries: data.summaries,
        stats: data.rows.map((row) => {
          const stat = {
            unitId: units.get(row.unitCode)!,
            seq: row.seq,
            completedInclBatch: row.completedInclBatch,
            activeEvaluationRateReported: row.activeEvaluationRateReported,
          } as Parameters<typeof createMonthVersion>[1]["stats"][number];
          for (const field of ANNEX_FIELDS) stat[field] = row[field];
          if (row.unitName === "市公安局") stat.completed += 100;
          return stat;
        }),
      }),
    );

    // The issued edition: same text, same bytes.
    const again = (await getIssuedBulletin(db.prisma, MONTH))!;
    expect(bulletinPlainText(again.document, { annexes: true })).toBe(issuedText);
    const after = await files();
    for (const kind of ["docx", "pdf", "xlsx"] as const) expect(after[kind]!.equals(before[kind]!)).toBe(true);

    // The draft beside it: its differences.
    const draft = (await loadDraftBeside(db.prisma, MONTH, again.texts as BulletinTexts))!;
    const differences = draftDifferences(again, {
      document: draft.document,
      versionNumber: draft.inputs.versionNumber,
      settings: draft.inputs.settings,
      texts: draft.texts,
    });
    expect(differences.none).toBe(false);
    expect(differences.dataVersion).toEqual({ issued: 1, draft: 2 });
    expect(differences.settingsChanged).toBe(true);
    expect(differences.textsChanged).toBe(true);
    expect(differences.added.join("\n")).toContain("请各单位于月底前整改。");
    expect(differences.added.join("\n")).toContain("办件覆盖率低于30.00%");
    expect(differences.added.join("\n")).toContain("12033");

    // Reissuing needs a correction note, then gives 第2版; both editions stay readable.
    expect(await issueBulletin(db.prisma, { month: MONTH, actorId: null })).toEqual({
      ok: false,
      reason: "noteRequired",
    });
    expect(
      await issueBulletin(db.prisma, { month: MONTH, actorId: null, correctionNote: "更正市公安局办结件数。" }),
    ).toMatchObject({ ok: true, edition: 2 });
    const second = (await getIssuedBulletin(db.prisma, MONTH))!;
    expect(second.edition).toBe(2);
    expect(second.document.notices).toContain("第2版。更正说明：更正市公安局办结件数。");
    expect(bulletinPlainText(second.document)).toContain("请各单位于月底前整改。");
    const firstAgain = (await getIssuedBulletin(db.prisma, MONTH, 1))!;
    expect(bulletinPlainText(firstAgain.document, { annexes: true })).toBe(issuedText);
    const firstFiles = await files(1);
    for (const kind of ["docx", "pdf", "xlsx"] as const) expect(firstFiles[kind]!.equals(before[kind]!)).toBe(true);
    expect((await listIssues(db.prisma, MONTH)).map((i) => [i.edition, i.correctionNote])).toEqual([
      [2, "更正市公安局办结件数。"],
      [1, null],
    ]);
  }, 120_000);
});
