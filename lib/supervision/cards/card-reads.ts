import "server-only";
// The cards as the pages read them: today's cards of the supervised month, for one unit or for
// every unit, with the counts the header and the board show, each read briefly memoised
// (brief-memo.ts). Access is the caller's: pages and routes decide with lib/access first, and a
// department viewer's reads are always made with its own unit (cardsForViewer).
//
// A read that names its day (the 预警 pages' cached versions, whose path names it) is not
// memoised: it goes through Next's cache (readOfDay), tagged so that whatever changes the cards
// expires it and the page that made it, on every instance, and dated by when it began. It never
// asks the request for its day (headers() would make the page dynamic).
import { unstable_cache } from "next/cache";
import type { Viewer } from "@/lib/access";
import { readAtTag, SUPERVISION_CARDS_TAG } from "@/lib/cache/cache-tags";
import { prisma } from "@/lib/db";
import { briefly } from "./brief-memo";
import { ensureCalendarTable } from "./calendar-table";
import { type CardSettings, readCardSettings } from "./card-settings";
import { type Card, computeCards, computeCardTrend, type TrendPoint } from "./card-sql";
import { testClockDay } from "./test-clock";
import { supervisedMonth, supervisionToday } from "./today";
import { openContactEmail } from "./unit-contact";

export type CardContext = { asOf: string; month: string; settings: CardSettings };

/** The cached pages' longest staleness, in seconds: the memo's (docs/supervision-cards.md). */
export const CARD_PAGE_SECONDS = 30;

/** Today's context: the request's day (test-clock.ts) or today, the settings briefly memoised. */
export async function getCardContext(): Promise<CardContext> {
  const asOf = (await testClockDay()) ?? supervisionToday();
  const settings = await briefly("settings", () => readCardSettings(prisma));
  return { asOf, month: supervisedMonth(asOf), settings };
}

/**
 * A read of a named day through Next's cache: its tags go into the page rendering it (the
 * cards' tag, so their expiry reaches the page; read-at, so the page is dated by this read,
 * lib/cache/cache-tags.ts). Settings are read afresh inside it: another instance's memo may hold
 * them from before a save. The wrapper is made per call because the read-at tag changes.
 */
function readOfDay<Args extends unknown[], Result>(
  key: string,
  read: (...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  return (...args: Args) =>
    unstable_cache(read, ["supervision-day", key], {
      tags: [SUPERVISION_CARDS_TAG, readAtTag()],
      revalidate: CARD_PAGE_SECONDS,
    })(...args);
}

async function dayContext(day: string): Promise<CardContext> {
  return { asOf: day, month: supervisedMonth(day), settings: await readCardSettings(prisma) };
}

const cardsOfDay = readOfDay("cards", async (day: string, unitId: number | null) => {
  const context = await dayContext(day);
  await ensureCalendarTable(prisma);
  const cards = await computeCards(prisma, { ...context, current: true, ...(unitId === null ? {} : { unitId }) });
  return { context, cards };
});

const trendOfDay = readOfDay("trend", async (day: string, unitId: number | null) => {
  const context = await dayContext(day);
  await ensureCalendarTable(prisma);
  return computeCardTrend(prisma, { ...context, ...(unitId === null ? {} : { unitId }) });
});

function keyOf(kind: string, context: CardContext, unitId?: number): string {
  const s = context.settings;
  return `${kind}:${context.month}:${context.asOf}:${s.yellowDaysLeft}:${s.yellowSharePercent}:${s.afterHoursCutoff}:${unitId ?? "all"}`;
}

async function cardsOf(context: CardContext, unitId?: number): Promise<Card[]> {
  return briefly(keyOf("cards", context, unitId), async () => {
    await ensureCalendarTable(prisma);
    return computeCards(prisma, { ...context, current: true, ...(unitId === undefined ? {} : { unitId }) });
  });
}

/**
 * A unit's red cards of a month as of today: each identified by caseNo and month (the key an
 * answer, 回告, is joined on). Red first by most days over.
 */
export async function listRedCards(unitId: number, month?: string): Promise<Card[]> {
  const context = await getCardContext();
  const scoped = month ? { ...context, month } : context;
  return (await cardsOf(scoped, unitId)).filter((c) => c.level === "RED");
}

/**
 * A unit's cards (the department's 预警 page) or every unit's (unitId undefined); as of `day` when
 * given (a cached page), else of the request's today.
 */
export async function getCards(unitId?: number, day?: string): Promise<{ context: CardContext; cards: Card[] }> {
  if (day !== undefined) return cardsOfDay(day, unitId ?? null);
  const context = await getCardContext();
  return { context, cards: await cardsOf(context, unitId) };
}

export type CardCounts = { red: number; yellow: number };

export function countCards(cards: readonly Card[]): CardCounts {
  let red = 0;
  for (const c of cards) if (c.level === "RED") red++;
  return { red, yellow: cards.length - red };
}

/** The unit a viewer's cards are limited to: its own for a department user; undefined = all units. */
export async function viewerCardUnit(viewer: Viewer): Promise<number | null | undefined> {
  if (viewer.role !== "DEPARTMENT") return undefined;
  if (!viewer.unitCode) return null;
  const units = await getUnitDirectory();
  return units.find((u) => u.code === viewer.unitCode)?.id ?? null;
}

/** The header's count: the viewer's own unit's cards, or every unit's. */
export async function getViewerCardCounts(viewer: Viewer): Promise<CardCounts> {
  const unitId = await viewerCardUnit(viewer);
  if (unitId === null) return { red: 0, yellow: 0 };
  const context = await getCardContext();
  return briefly(keyOf("counts", context, unitId), async () => countCards(await cardsOf(context, unitId)));
}

export async function getCardTrend(unitId?: number, day?: string): Promise<TrendPoint[]> {
  if (day !== undefined) return trendOfDay(day, unitId ?? null);
  const context = await getCardContext();
  return briefly(keyOf("trend", context, unitId), async () => {
    await ensureCalendarTable(prisma);
    return computeCardTrend(prisma, { ...context, ...(unitId === undefined ? {} : { unitId }) });
  });
}

export type UnitEntry = {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  kind: string;
  sortOrder: number;
};

export async function getUnitDirectory(): Promise<UnitEntry[]> {
  return briefly("units", () =>
    prisma.unit.findMany({
      select: { id: true, code: true, name: true, nameEn: true, kind: true, sortOrder: true },
      orderBy: [{ kind: "asc" }, { sortOrder: "asc" }],
    }),
  );
}

/**
 * Item names for the codes on a page, from the newest case import's catalogue (实施清单) when
 * there is one; a code without a name is shown as the code alone.
 */
export async function getItemNames(unitId: number | undefined, codes: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes)].slice(0, 500);
  if (wanted.length === 0) return new Map();
  const rows = await prisma.$queryRawUnsafe<Array<{ unitId: number; itemCode: string; itemName: string }>>(
    `SELECT s."unitId", s."itemCode", s."itemName" FROM "ServiceItem" s
     WHERE s."importId" = (SELECT max(ci."id") FROM "CaseImport" ci WHERE ci."publishedAt" IS NOT NULL)
       AND ($1::int IS NULL OR s."unitId" = $1::int) AND s."itemCode" = ANY($2::text[])`,
    unitId ?? null,
    wanted,
  );
  return new Map(rows.map((r) => [`${r.unitId}:${r.itemCode}`, r.itemName]));
}

/** What 预警设置 shows: the card settings and every unit's contact address (read afresh). */
export async function loadSupervisionSettings() {
  const [settings, units] = await Promise.all([
    readCardSettings(prisma),
    prisma.unit.findMany({
      select: { id: true, code: true, name: true, nameEn: true, contactEmail: true },
      orderBy: [{ kind: "asc" }, { sortOrder: "asc" }],
    }),
  ]);
  // Stored sealed (issue 22): the admin's form shows them in clear.
  return {
    settings,
    units: units.map(({ id, contactEmail, ...unit }) => ({
      ...unit,
      contactEmail: openContactEmail(id, contactEmail),
    })),
  };
}

/** Is a mail server configured for the digest (SMTP_URL)? */
export function mailConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}
