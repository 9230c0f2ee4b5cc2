import "server-only";
// The wall display's figures (大屏), one small JSON answer refreshed every minute: today's
// applications, completions and open cases from the daily feed (DailyCase), the red and yellow
// counts by unit (the cards), and the month's rates against last month.
//
// The rates (monthRates): the supervised month's when it is published — while the daily feed
// holds it open, that is its month to date (本月截至 X 日, provisional) — else the newest published
// month; against the published month before it. Each side says what it is: provisional (the 截至
// day) and demo data (示例数据), so that the screen labels the comparison where it is read, as the
// month pages do (lib/dashboard/format-figure.ts).
import { prisma } from "@/lib/db";
import type { ReportedSummary } from "@/lib/indicators/types";
import { getMonthsData, getPublishedMonths } from "@/lib/month-versions/server";
import { briefly } from "../cards/brief-memo";
import { getCards, getUnitDirectory } from "../cards/card-reads";
import { countByUnit } from "../cards/card-views";
import { readProvisionalMonth } from "../daily-feed/month-to-date";

export const WALL_RATES = [
  "onTimeCompletionRate",
  "earlyCompletionRate",
  "handlingSpeedupRate",
  "satisfactionRate",
] as const;
export type WallRate = (typeof WALL_RATES)[number];

export type WallFigures = {
  asOf: string;
  /** When these figures were read (ISO). */
  readAt: string;
  today: { applied: number; completed: number; open: number };
  units: Array<{ code: string; name: string; nameEn: string | null; red: number; yellow: number }>;
  cards: { red: number; yellow: number };
  rates: {
    /** The month the "this month" figures are of (see monthRates). */
    month: string | null;
    /** Its 截至 day (YYYY-MM-DD) when its figures are the daily feed's month to date; else null. */
    provisionalAsOf: string | null;
    monthIsDemo: boolean;
    lastMonth: string | null;
    lastMonthIsDemo: boolean;
    current: Partial<Record<WallRate, number | null>>;
    previous: Partial<Record<WallRate, number | null>>;
  };
};

/** The city's rates of the supervised month (or the newest published) and of the month before it. */
export async function monthRates(supervisedMonth: string): Promise<WallFigures["rates"]> {
  const months = await getPublishedMonths();
  const supervised = months.findIndex((m) => m.month === supervisedMonth);
  const at = supervised >= 0 ? supervised : months.length - 1;
  const current = months[at] ?? null;
  const previous = at > 0 ? (months[at - 1] ?? null) : null;
  const [data, provisional] = await Promise.all([
    getMonthsData([current, previous].filter((m) => m !== null).map((m) => m.month)),
    current ? readProvisionalMonth(prisma, current.month) : null,
  ]);
  const pick = (m: string | undefined) => {
    const city: ReportedSummary | undefined = data.find((d) => d.month === m)?.summaries.CITY;
    return Object.fromEntries(WALL_RATES.map((r) => [r, city?.[r] ?? null])) as Record<WallRate, number | null>;
  };
  return {
    month: current?.month ?? null,
    provisionalAsOf: provisional?.asOf ?? null,
    monthIsDemo: current?.isDemo ?? false,
    lastMonth: previous?.month ?? null,
    lastMonthIsDemo: previous?.isDemo ?? false,
    current: pick(current?.month),
    previous: pick(previous?.month),
  };
}

async function todayCounts(month: string, asOf: string): Promise<WallFigures["today"]> {
  const rows = await prisma.$queryRawUnsafe<Array<{ applied: number; completed: number; open: number }>>(
    `SELECT count(*) FILTER (WHERE d."appliedAt" >= $2::date AND d."appliedAt" < $2::date + 1)::int AS "applied",
            count(*) FILTER (WHERE d."completedAt" >= $2::date AND d."completedAt" < $2::date + 1)::int AS "completed",
            count(*) FILTER (WHERE d."acceptedAt" IS NOT NULL AND d."completedAt" IS NULL)::int AS "open"
     FROM "DailyCase" d WHERE d."month" = $1::date`,
    `${month}-01`,
    asOf,
  );
  return rows[0] ?? { applied: 0, completed: 0, open: 0 };
}

export async function getWallFigures(): Promise<WallFigures> {
  const { context, cards } = await getCards();
  return briefly(`wall:${context.asOf}:${context.month}`, async () => {
    const [today, units, rates] = await Promise.all([
      todayCounts(context.month, context.asOf),
      getUnitDirectory(),
      monthRates(context.month),
    ]);
    const order = new Map(units.map((u, i) => [u.id, i]));
    const byUnit = countByUnit(cards, "red", (id) => order.get(id) ?? 0);
    const red = cards.filter((c) => c.level === "RED").length;
    return {
      asOf: context.asOf,
      readAt: new Date().toISOString(),
      today,
      cards: { red, yellow: cards.length - red },
      units: byUnit.map((r) => {
        const u = units.find((x) => x.id === r.unitId);
        return { code: u?.code ?? "", name: u?.name ?? "", nameEn: u?.nameEn ?? null, red: r.red, yellow: r.yellow };
      }),
      rates,
    };
  });
}
