// The card rules on real PostgreSQL, one test per edge of the definition (card-sql.ts): a 调休
// weekend working day, a public holiday, acceptance after hours, exactly N days left, the share of
// the time used, a 即办件 on the next working day; the calendar table following an override; the
// trend agreeing with the cards.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isOfficialWorkday } from "@/lib/calendar/working-days";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { calendarRows, ensureCalendarTable } from "./calendar-table";
import { DEFAULT_CARD_SETTINGS } from "./card-settings";
import { type CardScope, computeCards, computeCardTrend } from "./card-sql";
import { insertDailyCases, type OpenCaseInput } from "./open-case-fixture";

let db: TestDatabase;
let unitA: number;
let unitB: number;

beforeAll(async () => {
  db = await createTestDatabase();
  const a = await db.prisma.unit.create({ data: { code: "d98", name: "测试局甲", kind: "DEPARTMENT", sortOrder: 1 } });
  const b = await db.prisma.unit.create({ data: { code: "x98", name: "测试县乙", kind: "DISTRICT", sortOrder: 2 } });
  unitA = a.id;
  unitB = b.id;
  await ensureCalendarTable(db.prisma, { force: true });
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

beforeEach(async () => {
  await db.prisma.$executeRawUnsafe(`DELETE FROM "DailyCase"`);
});

async function cardOf(
  input: Omit<OpenCaseInput, "caseNo" | "unitId" | "month">,
  asOf: string,
  settings = DEFAULT_CARD_SETTINGS,
) {
  const month = input.acceptedAt.slice(0, 7);
  await db.prisma.$executeRawUnsafe(`DELETE FROM "DailyCase"`);
  await insertDailyCases(db.prisma, [{ caseNo: "C1", unitId: unitA, month, ...input }]);
  const cards = await computeCards(db.prisma, { month, asOf, settings });
  const card = cards[0];
  return card ? { level: card.level, used: card.usedDays, left: card.daysLeft } : null;
}

describe("the calendar table", () => {
  it("holds the official calendar: ordinals count working days, 调休 and holidays included", async () => {
    const rows = await db.prisma.$queryRawUnsafe<Array<{ date: string; isWorkday: boolean; ordinal: number }>>(
      `SELECT to_char("date", 'YYYY-MM-DD') AS "date", "isWorkday", "ordinal" FROM "CalendarDay"
       WHERE "date" BETWEEN '2026-09-30' AND '2026-10-12' ORDER BY "date"`,
    );
    expect(rows.map((r) => r.isWorkday)).toEqual(rows.map((r) => isOfficialWorkday(r.date)));
    // 2026-10-01 … 10-07 国庆 off, Saturday 10-10 a 调休 working day.
    expect(rows.find((r) => r.date === "2026-10-10")?.isWorkday).toBe(true);
    expect(rows.find((r) => r.date === "2026-10-05")?.isWorkday).toBe(false);
    const ord = (d: string) => rows.find((r) => r.date === d)!.ordinal;
    expect(ord("2026-10-12") - ord("2026-09-30")).toBe(4); // 10-08, 10-09, 10-10, 10-12
  });

  it("matches the pure rows (same rule as lib/calendar/working-days.ts)", () => {
    const { dates, ordinals } = calendarRows(2026, 2026, new Map([["2026-12-08", false]]));
    const i = dates.indexOf("2026-12-08");
    expect(ordinals[i]).toBe(ordinals[i - 1]); // the override makes it a day off
  });

  it("is rebuilt when an override changes, and the cards follow", async () => {
    await insertDailyCases(db.prisma, [
      { caseNo: "O1", month: "2026-12", unitId: unitA, promisedDays: 2, acceptedAt: "2026-12-07 09:00:00" },
    ]);
    const scope: CardScope = { month: "2026-12", asOf: "2026-12-10" };
    expect((await computeCards(db.prisma, scope))[0]).toMatchObject({ level: "RED", usedDays: 3, daysLeft: -1 });
    await db.prisma.workCalendarOverride.create({ data: { date: new Date("2026-12-08T00:00:00Z"), isWorkday: false } });
    expect(await ensureCalendarTable(db.prisma, { force: true })).toBe(true);
    expect(await ensureCalendarTable(db.prisma, { force: true })).toBe(false);
    expect((await computeCards(db.prisma, scope))[0]).toMatchObject({ level: "YELLOW", usedDays: 2, daysLeft: 0 });
    await db.prisma.workCalendarOverride.deleteMany({});
    expect(await ensureCalendarTable(db.prisma, { force: true })).toBe(true);
    expect((await computeCards(db.prisma, scope))[0]).toMatchObject({ level: "RED" });
  });
});

describe("the card rules", () => {
  it("a 调休 weekend working day counts as a working day", async () => {
    // Friday 2026-10-09, promise 2; Saturday 10-10 is a 调休 working day.
    const c = { promisedDays: 2, acceptedAt: "2026-10-09 10:00:00" };
    expect(await cardOf(c, "2026-10-09")).toBeNull(); // used 0, left 2 > 1, 0 < 80%
    expect(await cardOf(c, "2026-10-10")).toEqual({ level: "YELLOW", used: 1, left: 1 });
    expect(await cardOf(c, "2026-10-11")).toEqual({ level: "YELLOW", used: 1, left: 1 }); // Sunday: no day used
    expect(await cardOf(c, "2026-10-12")).toEqual({ level: "YELLOW", used: 2, left: 0 });
    expect(await cardOf(c, "2026-10-13")).toEqual({ level: "RED", used: 3, left: -1 });
  });

  it("a public holiday does not count", async () => {
    // Wednesday 2026-09-30, promise 3; 10-01 … 10-07 are 国庆 holidays.
    const c = { promisedDays: 3, acceptedAt: "2026-09-30 09:00:00" };
    expect(await cardOf(c, "2026-10-07")).toBeNull();
    expect(await cardOf(c, "2026-10-08")).toBeNull(); // used 1, left 2
    expect(await cardOf(c, "2026-10-09")).toEqual({ level: "YELLOW", used: 2, left: 1 });
    expect(await cardOf(c, "2026-10-10")).toEqual({ level: "YELLOW", used: 3, left: 0 });
    expect(await cardOf(c, "2026-10-12")).toEqual({ level: "RED", used: 4, left: -1 });
  });

  it("acceptance at or after the cutoff (17:30) counts from the next working day", async () => {
    const before = { promisedDays: 1, acceptedAt: "2026-12-07 17:29:59" };
    const at = { promisedDays: 1, acceptedAt: "2026-12-07 17:30:00" };
    expect(await cardOf(before, "2026-12-09")).toEqual({ level: "RED", used: 2, left: -1 });
    expect(await cardOf(at, "2026-12-08")).toEqual({ level: "YELLOW", used: 0, left: 1 });
    expect(await cardOf(at, "2026-12-09")).toEqual({ level: "YELLOW", used: 1, left: 0 });
    expect(await cardOf(at, "2026-12-10")).toEqual({ level: "RED", used: 2, left: -1 });
    // Friday evening: counts from Monday; the weekend costs nothing.
    const friday = { promisedDays: 2, acceptedAt: "2026-12-04 18:00:00" };
    expect(await cardOf(friday, "2026-12-07")).toBeNull(); // used 0
    // The cutoff is a setting.
    expect(await cardOf(at, "2026-12-09", { ...DEFAULT_CARD_SETTINGS, afterHoursCutoff: "18:00" })).toEqual({
      level: "RED",
      used: 2,
      left: -1,
    });
  });

  it("yellow at exactly N working days left, not one day before", async () => {
    // Monday 2026-12-07, promise 5; with the share at 100% only the days left decide.
    const c = { promisedDays: 5, acceptedAt: "2026-12-07 09:00:00" };
    const daysOnly = { ...DEFAULT_CARD_SETTINGS, yellowSharePercent: 100 };
    expect(await cardOf(c, "2026-12-10", daysOnly)).toBeNull(); // used 3, left 2
    expect(await cardOf(c, "2026-12-11", daysOnly)).toEqual({ level: "YELLOW", used: 4, left: 1 });
    expect(await cardOf(c, "2026-12-10", { ...daysOnly, yellowDaysLeft: 2 })).toEqual({
      level: "YELLOW",
      used: 3,
      left: 2,
    });
    expect(await cardOf(c, "2026-12-14", daysOnly)).toEqual({ level: "YELLOW", used: 5, left: 0 });
    expect(await cardOf(c, "2026-12-15", daysOnly)).toEqual({ level: "RED", used: 6, left: -1 });
  });

  it("yellow when the share of the time is used (80%: 8 of 10 days)", async () => {
    const c = { promisedDays: 10, acceptedAt: "2026-12-01 09:00:00" };
    expect(await cardOf(c, "2026-12-09")).toBeNull(); // used 6 … (12-02 … 12-09: 6 working days)
    expect(await cardOf(c, "2026-12-10")).toBeNull(); // used 7, left 3
    expect(await cardOf(c, "2026-12-11")).toEqual({ level: "YELLOW", used: 8, left: 2 });
  });

  it("a 即办件 not finished on its day is red the next working day, never yellow", async () => {
    const c = { caseKind: "INSTANT" as const, acceptedAt: "2026-12-04 10:00:00" }; // Friday
    expect(await cardOf(c, "2026-12-04")).toBeNull();
    expect(await cardOf(c, "2026-12-05")).toBeNull(); // Saturday
    expect(await cardOf(c, "2026-12-07")).toEqual({ level: "RED", used: 1, left: -1 });
    // Accepted after hours on Friday: its day is Monday.
    expect(await cardOf({ ...c, acceptedAt: "2026-12-04 17:45:00" }, "2026-12-07")).toBeNull();
  });

  it("a completed case has no card; a 承诺件 without a promise has none either", async () => {
    expect(
      await cardOf(
        { promisedDays: 1, acceptedAt: "2026-12-01 09:00:00", completedAt: "2026-12-08 10:00:00" },
        "2026-12-08",
      ),
    ).toBeNull();
    // …but as of a day before its completion it was open (and red).
    expect(
      await cardOf(
        { promisedDays: 1, acceptedAt: "2026-12-01 09:00:00", completedAt: "2026-12-08 10:00:00" },
        "2026-12-07",
      ),
    ).toMatchObject({ level: "RED" });
    expect(await cardOf({ promisedDays: null, acceptedAt: "2026-12-01 09:00:00" }, "2026-12-08")).toBeNull();
  });
});

describe("scopes and the trend", () => {
  const cases: OpenCaseInput[] = [];
  beforeEach(async () => {
    cases.length = 0;
    const accepted = ["2026-12-01 09:00:00", "2026-12-02 18:00:00", "2026-12-03 10:00:00", "2026-12-04 16:00:00"];
    let n = 0;
    for (const acceptedAt of accepted) {
      for (const promisedDays of [1, 2, 3, 5]) {
        for (const unitId of [unitA, unitB]) {
          n++;
          cases.push({
            caseNo: `T${n}`,
            month: "2026-12",
            unitId,
            promisedDays,
            acceptedAt,
            completedAt: n % 3 === 0 ? `2026-12-${String(4 + (n % 5)).padStart(2, "0")} 11:00:00` : null,
          });
        }
      }
      cases.push({ caseNo: `I${n}`, month: "2026-12", unitId: unitA, caseKind: "INSTANT", acceptedAt });
    }
    await insertDailyCases(db.prisma, cases);
  });

  it("a unit's cards are that unit's only", async () => {
    const all = await computeCards(db.prisma, { month: "2026-12", asOf: "2026-12-09" });
    const a = await computeCards(db.prisma, { month: "2026-12", asOf: "2026-12-09", unitId: unitA });
    expect(a.length).toBeGreaterThan(0);
    expect(a.every((c) => c.unitId === unitA)).toBe(true);
    expect(a).toEqual(all.filter((c) => c.unitId === unitA));
    // red first
    const firstYellow = all.findIndex((c) => c.level === "YELLOW");
    expect(all.slice(firstYellow).every((c) => c.level === "YELLOW")).toBe(true);
  });

  it("the current reading (no 办结 at all) agrees once every completion is in the past", async () => {
    const scope = { month: "2026-12", asOf: "2026-12-11" };
    const general = await computeCards(db.prisma, scope);
    expect(general.length).toBeGreaterThan(0);
    expect(await computeCards(db.prisma, { ...scope, current: true })).toEqual(general);
  });

  it("each day's trend count equals the cards as of that day", async () => {
    const trend = await computeCardTrend(db.prisma, { month: "2026-12", asOf: "2026-12-11" });
    expect(trend.map((t) => t.day)).toEqual(
      Array.from({ length: 11 }, (_, i) => `2026-12-${String(i + 1).padStart(2, "0")}`),
    );
    for (const point of trend) {
      const cards = await computeCards(db.prisma, { month: "2026-12", asOf: point.day });
      expect(point, point.day).toEqual({
        day: point.day,
        red: cards.filter((c) => c.level === "RED").length,
        yellow: cards.filter((c) => c.level === "YELLOW").length,
      });
    }
    expect(trend.at(-1)!.red).toBeGreaterThan(0);
  });
});
