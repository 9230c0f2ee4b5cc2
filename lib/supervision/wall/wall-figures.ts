import "server-only";
// The wall display's figures (大屏), one small JSON answer refreshed every minute: today's
// applications, completions and open cases from the daily feed (DailyCase), the red and yellow
// counts by unit (the cards), and the month's rates against last month.
//
// The rates come from monthRates(), the one place to point at the daily feed's month-to-date
// figures (本月截至 X 日) once they exist: until then it reads the newest published month and the
// one before it (the existing month figures), and says which month it read (`month`).
import { prisma } from "@/lib/db";
import type { ReportedSummary } from "@/lib/indicators/types";
import { getMonthsData, getPublishedMonths } from "@/lib/month-versions/server";
import { briefly } from "../cards/brief-memo";
import { getCards, getUnitDirectory } from "../cards/card-reads";
import { countByUnit } from "../cards/card-views";

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
    /** The month the "this month" figures are of (the newest published month until month-to-date is wired). */
    month: string | null;
    lastMonth: string | null;
    current: Partial<Record<WallRate, number | null>>;
    previous: Partial<Record<WallRate, number | null>>;
  };
};

/** The city's rates of a month and the month before it. Point at month-to-date here (see above). */
export async function monthRates(): Promise<WallFigures["rates"]> {
  const months = await getPublishedMonths();
  const month = months.at(-1)?.month ?? null;
  const lastMonth = months.at(-2)?.month ?? null;
  const data = await getMonthsData([month, lastMonth].filter((m): m is string => m !== null));
  const pick = (m: string | null) => {
    const city: ReportedSummary | undefined = data.find((d) => d.month === m)?.summaries.CITY;
    return Object.fromEntries(WALL_RATES.map((r) => [r, city?.[r] ?? null])) as Record<WallRate, number | null>;
  };
  return { month, lastMonth, current: pick(month), previous: pick(lastMonth) };
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
      monthRates(),
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
