import "server-only";
import { PROBLEM_SETTINGS_KEY, readStoredProblemSettings } from "@/lib/bulletin/thresholds/problem-settings";
import { cachedReportRead } from "@/lib/cache/cached-report-read";
import { pageRead, prisma } from "@/lib/db";
import type { ProblemSettings } from "@/lib/indicators/problems";

/**
 * The thresholds of the 存在的问题 rules in effect (stored, else the defaults). Cached under
 * the report-data tag: saving them (the settings actions) refreshes every page that lists problems.
 */
export const getProblemSettings = cachedReportRead(async (): Promise<ProblemSettings> => {
  const row = await pageRead((db) => db.setting.findUnique({ where: { key: PROBLEM_SETTINGS_KEY } }));
  return readStoredProblemSettings(row?.value).settings;
}, ["problem-settings"]);

/** For the admin page (uncached): the settings, whether stored, when and by whom. */
export async function getProblemSettingsRecord() {
  const row = await prisma.setting.findUnique({ where: { key: PROBLEM_SETTINGS_KEY } });
  const { settings, invalid } = readStoredProblemSettings(row?.value);
  const updatedBy = row?.updatedById
    ? await prisma.user.findUnique({ where: { id: row.updatedById }, select: { username: true } })
    : null;
  return {
    settings,
    invalid,
    stored: row !== null,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: updatedBy?.username ?? null,
  };
}
