// What a month's bulletin is built from right now (its draft): the month and the one before,
// the thresholds in effect and the newest free texts, read uncached straight from the
// database, with the ids that say which data and text versions they are.

import { type Bulletin, type BulletinTexts, buildBulletin } from "@/lib/bulletin/build";
import { BULLETIN_OVERDUE_CASES } from "@/lib/bulletin/build/bulletin";
import { loadBulletinMonths } from "@/lib/bulletin/build/load";
import { defaultBulletinTexts, readStoredBulletinTexts } from "@/lib/bulletin/texts/bulletin-texts";
import { PROBLEM_SETTINGS_KEY, readStoredProblemSettings } from "@/lib/bulletin/thresholds/problem-settings";
import { previousMonth } from "@/lib/calendar/month";
import { loadCurrentCaseImport, loadOverdueCases } from "@/lib/case-records/server";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ProblemSettings } from "@/lib/indicators/problems";
import type { StatRow } from "@/lib/indicators/types";
import { readMonthSummary } from "@/lib/rectification";

export type DraftInputs = {
  month: string;
  versionId: number;
  versionNumber: number;
  textsVersion: number | null;
  settings: ProblemSettings;
  texts: BulletinTexts;
  /** The month's annex rows (the .xlsx download). */
  rows: StatRow[];
  build: (overrides?: { texts?: BulletinTexts }) => Bulletin;
};

export async function loadDraftInputs(db: PrismaClient, month: string): Promise<DraftInputs | null> {
  const [months, reportMonth, settingRow, newestTexts, caseImport] = await Promise.all([
    loadBulletinMonths(db, month),
    db.reportMonth.findUnique({ where: { month }, select: { currentVersionId: true } }),
    db.setting.findUnique({ where: { key: PROBLEM_SETTINGS_KEY } }),
    db.bulletinText.findFirst({ where: { month }, orderBy: { version: "desc" } }),
    loadCurrentCaseImport(db, month),
  ]);
  const rectification = await readMonthSummary(db, previousMonth(month));
  if (!months || !reportMonth?.currentVersionId) return null;
  const overdueCases = caseImport ? (await loadOverdueCases(db, caseImport, BULLETIN_OVERDUE_CASES)).cases : undefined;
  const settings = readStoredProblemSettings(settingRow?.value).settings;
  const texts = newestTexts ? readStoredBulletinTexts(newestTexts.content).texts : defaultBulletinTexts(month);
  return {
    month,
    versionId: reportMonth.currentVersionId,
    versionNumber: months.current.versionNumber,
    textsVersion: newestTexts?.version ?? null,
    settings,
    texts,
    rows: months.current.rows,
    build: (overrides = {}) =>
      buildBulletin({
        current: months.current,
        previous: months.previous,
        settings,
        texts: overrides.texts ?? texts,
        overdueCases,
        rectification,
      }),
  };
}

/**
 * The draft beside an issued edition: built from today's data, thresholds and texts, with the
 * issued date where the texts give none (so an unchanged month shows no difference).
 */
export async function loadDraftBeside(
  db: PrismaClient,
  month: string,
  issuedTexts: BulletinTexts,
): Promise<{ inputs: DraftInputs; document: Bulletin; texts: BulletinTexts } | null> {
  const inputs = await loadDraftInputs(db, month);
  if (!inputs) return null;
  const texts = { ...inputs.texts, issueDate: inputs.texts.issueDate ?? issuedTexts.issueDate ?? null };
  return { inputs, document: inputs.build({ texts }), texts };
}
