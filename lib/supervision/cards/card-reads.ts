import "server-only";
// The cards as the pages read them: today's cards of the supervised month, for one unit or for
// every unit, with the counts the header and the board show, each read briefly memoised
// (brief-memo.ts). Access is the caller's: pages and routes decide with lib/access first, and a
// department viewer's reads are always made with its own unit (cardsForViewer).
import type { Viewer } from "@/lib/access";
import { prisma } from "@/lib/db";
import { briefly } from "./brief-memo";
import { ensureCalendarTable } from "./calendar-table";
import { type CardSettings, readCardSettings } from "./card-settings";
import { type Card, computeCards, computeCardTrend, type TrendPoint } from "./card-sql";
import { testClockDay } from "./test-clock";
import { supervisedMonth, supervisionToday } from "./today";
import { openContactEmail } from "./unit-contact";

export type CardContext = { asOf: string; month: string; settings: CardSettings };

export async function getCardContext(): Promise<CardContext> {
  const asOf = (await testClockDay()) ?? supervisionToday();
  const settings = await briefly("settings", () => readCardSettings(prisma));
  return { asOf, month: supervisedMonth(asOf), settings };
}

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

/** A unit's cards (the department's 预警 page) or every unit's (unitId undefined). */
export async function getCards(unitId?: number): Promise<{ context: CardContext; cards: Card[] }> {
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

export async function getCardTrend(unitId?: number): Promise<TrendPoint[]> {
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
