import "server-only";
import { updateTag } from "next/cache";
import { REPORT_DATA_TAG } from "@/lib/cache/cache-tags";
import { bumpDataGeneration } from "@/lib/cache/data-generation";
import { recordReportDataWrite } from "@/lib/db";

/**
 * After a committed write of report data (publish, rollback, settings, bulletin texts): every
 * cached read and page under the report-data tag expires at once, on every instance when the
 * cache is shared (REDIS_URL). The write's position on the primary is noted first, so that
 * the re-render reads the primary until the replica has it (lib/db/index.ts).
 */
export async function expireReportData(): Promise<void> {
  await recordReportDataWrite();
  bumpDataGeneration();
  updateTag(REPORT_DATA_TAG);
}
