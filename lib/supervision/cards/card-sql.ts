// The yellow and red cards (黄牌/红牌), computed in SQL on PostgreSQL from the daily feed's
// current state of the month's cases (DailyCase) and the working-day calendar table
// (CalendarDay, calendar-table.ts). The definition (docs/supervision-cards.md and the 预警 page
// repeat it):
//
//   open case   a DailyCase row of the month with 受理 (acceptedAt) and no 办结 (completedAt) as of
//               the day T ("today": Asia/Shanghai, or the day of the trend being counted).
//   start       the working-day ordinal of the acceptance date; +1 when the case was accepted on a
//               working day at or after the cutoff (setting, default 17:30): it then counts as
//               accepted on the next working day. Acceptance on a non-working day counts from the
//               next working day (as for 实际办理时间, lib/calendar/working-days.ts).
//   used        ordinal(T) − start, at least 0: the working days after acceptance up to and
//               including T (T itself counts as used from its start: it is the day running).
//   promise     承诺时限 (promisedDays) for a 承诺件; 0 for a 即办件. A 承诺件 without promisedDays
//               gets no card (nothing to measure against).
//   daysLeft    promise − used (negative: days over).
//   RED         used > promise: the promise has passed and the case is still open. A 即办件 not
//               finished on its day is red on the next working day.
//   YELLOW      not red, a 承诺件, and daysLeft ≤ N (setting, default 1) or used ≥ share × promise
//               (setting, default 80%). 即办件 get no yellow card (their day is their whole time).
//
// For the trend, each case's card is turned into dates: the day it turns yellow and the day it
// turns red (the working day with ordinal start + threshold), and the day it closes (its 办结
// date); a case counts as yellow or red on day d when it turned so on or before d and closes
// after d. The count on T equals the cards as of T (tested).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { type CardSettings, DEFAULT_CARD_SETTINGS } from "./card-settings";

export type CardLevel = "YELLOW" | "RED";

/** One card: identified by its case number (办件编号) and month. */
export type Card = {
  caseNo: string;
  /** "YYYY-MM" */
  month: string;
  unitId: number;
  itemCode: string;
  caseKind: "INSTANT" | "PROMISED";
  /** "YYYY-MM-DD HH:MM:SS", as recorded (local time). */
  acceptedAt: string;
  promisedDays: number;
  usedDays: number;
  /** promise − used; negative: days over. */
  daysLeft: number;
  level: CardLevel;
};

export type CardScope = {
  /** "YYYY-MM" */
  month: string;
  /** "YYYY-MM-DD": the day the cards are counted as of. */
  asOf: string;
  /** Only this unit's cases (the department's page); all units when absent. */
  unitId?: number;
  /**
   * The cards as they stand now (asOf is today): a case is open when it has no 办结 at all, which
   * reads the partial index of open cases (DailyCase_open_cards_idx). Otherwise (a past day) a case
   * completed after asOf still counts as open on it.
   */
  current?: boolean;
  settings?: CardSettings;
};

type Db = Pick<PrismaClient, "$queryRawUnsafe">;

/**
 * The open cases of the month with their start ordinal and promise. Parameters: $1 month's first
 * day, $2 as-of day, $3 cutoff, $6 unit or null. (Shared by the cards and the trend.)
 */
const openCases = (current: boolean) => `
  SELECT d."caseNo", d."unitId", d."itemCode", d."caseKind"::text AS "caseKind", d."acceptedAt", d."completedAt",
         CASE WHEN d."caseKind" = 'INSTANT' THEN 0 ELSE d."promisedDays" END AS "promise",
         a."ordinal" + CASE WHEN a."isWorkday" AND d."acceptedAt"::time >= $3::time THEN 1 ELSE 0 END AS "start"
  FROM "DailyCase" d
  JOIN "CalendarDay" a ON a."date" = d."acceptedAt"::date
  WHERE d."month" = $1::date AND ($6::int IS NULL OR d."unitId" = $6::int)
    AND d."acceptedAt" IS NOT NULL AND d."acceptedAt"::date <= $2::date
    AND ${current ? `d."completedAt" IS NULL` : `(d."completedAt" IS NULL OR d."completedAt"::date > $2::date)`}
    AND (d."caseKind" = 'INSTANT' OR d."promisedDays" IS NOT NULL)`;

const cardsSql = (current: boolean) => `
  WITH open_case AS (${openCases(current)}),
  measured AS (
    SELECT o.*, greatest(t."ordinal" - o."start", 0) AS "used"
    FROM open_case o CROSS JOIN (SELECT "ordinal" FROM "CalendarDay" WHERE "date" = $2::date) t
  ),
  carded AS (
    SELECT m.*, CASE
      WHEN m."used" > m."promise" THEN 'RED'
      WHEN m."caseKind" <> 'INSTANT' AND (m."promise" - m."used" <= $4::int OR m."used" >= $5::numeric * m."promise") THEN 'YELLOW'
    END AS "level"
    FROM measured m
  )
  SELECT "caseNo", "unitId", "itemCode", "caseKind", to_char("acceptedAt", 'YYYY-MM-DD HH24:MI:SS') AS "acceptedAt",
         "promise" AS "promisedDays", "used" AS "usedDays", "promise" - "used" AS "daysLeft", "level"
  FROM carded WHERE "level" IS NOT NULL
  ORDER BY CASE "level" WHEN 'RED' THEN 0 ELSE 1 END, "promise" - "used", "acceptedAt", "caseNo"`;

function params(scope: CardScope): unknown[] {
  const s = scope.settings ?? DEFAULT_CARD_SETTINGS;
  return [
    `${scope.month}-01`,
    scope.asOf,
    s.afterHoursCutoff,
    s.yellowDaysLeft,
    s.yellowSharePercent / 100,
    scope.unitId ?? null,
  ];
}

/** The month's cards as of a day: red first (most days over first), then yellow (fewest days left first). */
export async function computeCards(db: Db, scope: CardScope): Promise<Card[]> {
  const rows = await db.$queryRawUnsafe<Array<Omit<Card, "month">>>(cardsSql(scope.current ?? false), ...params(scope));
  return rows.map((r) => ({
    ...r,
    month: scope.month,
    unitId: Number(r.unitId),
    promisedDays: Number(r.promisedDays),
    usedDays: Number(r.usedDays),
    daysLeft: Number(r.daysLeft),
  }));
}

export type TrendPoint = { day: string; red: number; yellow: number };

const TREND_SQL = `
  WITH month_case AS (
    SELECT d."caseNo", d."unitId", d."itemCode", d."caseKind", d."acceptedAt"::date AS "acceptedOn",
           coalesce(d."completedAt"::date, 'infinity'::date) AS "closesOn",
           CASE WHEN d."caseKind" = 'INSTANT' THEN 0 ELSE d."promisedDays" END AS "promise",
           a."ordinal" + CASE WHEN a."isWorkday" AND d."acceptedAt"::time >= $3::time THEN 1 ELSE 0 END AS "start"
    FROM "DailyCase" d
    JOIN "CalendarDay" a ON a."date" = d."acceptedAt"::date
    WHERE d."month" = $1::date AND ($6::int IS NULL OR d."unitId" = $6::int)
      AND d."acceptedAt" IS NOT NULL AND d."acceptedAt"::date <= $2::date
      AND (d."caseKind" = 'INSTANT' OR d."promisedDays" IS NOT NULL)
      -- a case closed on its acceptance day is open at the end of no day:
      AND (d."completedAt" IS NULL OR d."completedAt"::date > d."acceptedAt"::date)
  ),
  thresholds AS (
    SELECT c.*,
      CASE WHEN c."caseKind" = 'INSTANT' THEN NULL
           ELSE least(c."promise" - $4::int, ceil($5::numeric * c."promise")::int) END AS "yellowAt"
    FROM month_case c
  ),
  -- The dates each card begins: the working day whose ordinal reaches the threshold (hash joins on
  -- the small calendar table), materialised so that the join with the days below reads them once.
  dated AS MATERIALIZED (
    SELECT t."closesOn",
      coalesce(r."date", 'infinity'::date) AS "redOn",
      CASE WHEN t."yellowAt" IS NULL THEN 'infinity'::date
           WHEN t."yellowAt" <= 0 THEN t."acceptedOn"
           ELSE coalesce(y."date", 'infinity'::date)
      END AS "yellowOn"
    FROM thresholds t
    LEFT JOIN "CalendarDay" r ON r."isWorkday" AND r."ordinal" = t."start" + t."promise" + 1
    LEFT JOIN "CalendarDay" y ON y."isWorkday" AND y."ordinal" = t."start" + t."yellowAt"
  ),
  carded AS MATERIALIZED (
    SELECT * FROM dated WHERE least("yellowOn", "redOn") < "closesOn"
  ),
  -- Each card as spans of days: yellow over [yellowOn, min(redOn, closesOn)), red over
  -- [redOn, closesOn); the spans' starts and ends as +1/−1 events, summed day by day (a running sum:
  -- one pass over the cards, whatever the number of days). Events before the month count on its
  -- first day.
  spans AS (
    SELECT "yellowOn" AS "from", least("redOn", "closesOn") AS "until", 1 AS "y", 0 AS "r"
    FROM carded WHERE "yellowOn" < least("redOn", "closesOn")
    UNION ALL
    SELECT "redOn", "closesOn", 0, 1 FROM carded WHERE "redOn" < "closesOn"
  ),
  events AS (
    SELECT greatest("from", $1::date) AS "day", "y" AS "dy", "r" AS "dr" FROM spans WHERE "from" <= $2::date
    UNION ALL
    SELECT greatest("until", $1::date), -"y", -"r" FROM spans WHERE "until" <= $2::date
  ),
  daily AS (
    SELECT "day", sum("dy") AS "dy", sum("dr") AS "dr" FROM events GROUP BY "day"
  )
  SELECT to_char(d, 'YYYY-MM-DD') AS "day",
         (sum(coalesce(x."dr", 0)) OVER (ORDER BY d))::int AS "red",
         (sum(coalesce(x."dy", 0)) OVER (ORDER BY d))::int AS "yellow"
  FROM generate_series($1::date, $2::date, interval '1 day') AS d
  LEFT JOIN daily x ON x."day" = d::date
  ORDER BY d`;

/**
 * The daily counts of red and yellow cards from the month's first day to `asOf`: each day's
 * count is the cards as they stood at the end of that day, from the cases' recorded times.
 */
export async function computeCardTrend(db: Db, scope: CardScope): Promise<TrendPoint[]> {
  const rows = await db.$queryRawUnsafe<TrendPoint[]>(TREND_SQL, ...params(scope));
  return rows.map((r) => ({ day: r.day, red: Number(r.red), yellow: Number(r.yellow) }));
}
