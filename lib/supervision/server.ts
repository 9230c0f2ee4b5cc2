// The supervision capability's entry for the Next.js server only: the routes' handlers bound
// to the app's database and cache, and the reads pages make (docs/architecture.md).
import "server-only";
import { revalidatePath, revalidateTag } from "next/cache";
import { REPORT_DATA_TAG, SUPERVISION_CARDS_TAG } from "@/lib/cache/cache-tags";
import { cachedReportRead } from "@/lib/cache/cached-report-read";
import { bumpDataGeneration } from "@/lib/cache/data-generation";
import { pageRead, prisma, recordReportDataWrite } from "@/lib/db";
import { forgetCardReads } from "./cards/brief-memo";
import { casesPostHandler } from "./daily-feed/cases-api";
import { readProvisionalMonth, readProvisionalMonths } from "./daily-feed/month-to-date";
import { listApiTokens } from "./daily-feed/tokens";

/**
 * After the month to date changed outside a server action (updateTag is for actions only). The
 * cards' brief memo goes too: a batch changes the open cases, and the unit that pushed it should
 * not wait out the memo to see its cards, nor the 预警 pages' cached versions (their tag).
 */
async function expireAfterDailyBatch(): Promise<void> {
  forgetCardReads();
  await recordReportDataWrite();
  bumpDataGeneration();
  revalidateTag(REPORT_DATA_TAG, { expire: 0 });
  revalidateTag(SUPERVISION_CARDS_TAG, { expire: 0 });
  revalidatePath("/", "layout");
}

/** POST /api/v1/cases (docs/daily-feed.md). */
export const casesPost = casesPostHandler({
  prisma,
  databaseUrl: () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    return url;
  },
  afterPublish: expireAfterDailyBatch,
});

export const loadApiTokens = () => listApiTokens(prisma);
export const loadProvisionalMonths = () => readProvisionalMonths(prisma);
export const loadProvisionalMonth = (month: string) => readProvisionalMonth(prisma, month);

/** The month's month-to-date state (本月截至 X 日), cached as report data: null when not provisional. */
export const getProvisionalMonth = cachedReportRead(
  async (month: string) => pageRead((db) => readProvisionalMonth(db, month)),
  ["provisional-month"],
);
// The cards as pages read them (briefly memoised), the wall display's figures.
export {
  type CardContext,
  type CardCounts,
  countCards,
  getCardContext,
  getCards,
  getCardTrend,
  getItemNames,
  getUnitDirectory,
  getViewerCardCounts,
  listRedCards,
  loadSupervisionSettings,
  mailConfigured,
  type UnitEntry,
  viewerCardUnit,
} from "./cards/card-reads";
export {
  type CardAudience,
  cardAudienceOf,
  cardsForAudience,
  cardsForViewer,
  type ScopedCards,
} from "./cards/scoped-cards";
export { getWallFigures, monthRates, WALL_RATES, type WallFigures, type WallRate } from "./wall/wall-figures";
