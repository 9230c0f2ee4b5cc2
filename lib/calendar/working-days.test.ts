import { describe, expect, it } from "vitest";
import { isOfficialWorkday, WorkingDayCalendar } from "./working-days";

const calendar = new WorkingDayCalendar(2020, 2022);

describe("official calendar (chinese-days + overrides)", () => {
  it("knows 2021's holidays and adjusted working days (调休)", () => {
    expect(isOfficialWorkday("2021-06-14")).toBe(false); // 端午 (Monday)
    expect(isOfficialWorkday("2021-02-07")).toBe(true); // Sunday, 调休 for 春节
    expect(isOfficialWorkday("2021-09-18")).toBe(true); // Saturday, 调休 for 中秋
    expect(isOfficialWorkday("2021-06-19")).toBe(false); // an ordinary Saturday
    expect(isOfficialWorkday("2021-06-16")).toBe(true);
    expect(calendar.isWorkday("2021-02-07")).toBe(true);
    expect(calendar.isWorkday("2021-02-11")).toBe(false);
  });

  it("lets a local override win over the package", () => {
    expect(isOfficialWorkday("2021-06-16", new Map([["2021-06-16", false]]))).toBe(false);
    expect(isOfficialWorkday("2021-06-19", new Map([["2021-06-19", true]]))).toBe(true);
  });
});

describe("elapsedWorkingDays: working days d with date(受理) < d ≤ date(办结)", () => {
  it("is 0 on the day of acceptance, whatever the hours", () => {
    expect(calendar.elapsedWorkingDays("2021-06-15 08:00:00", "2021-06-15 17:59:59")).toBe(0);
  });

  it("counts a partial day as a whole day (accepted late, completed early the next day)", () => {
    expect(calendar.elapsedWorkingDays("2021-06-15 17:55:00", "2021-06-16 08:05:00")).toBe(1);
  });

  it("skips a public holiday: 端午 2021-06-12..14 (Sat–Mon)", () => {
    // Fri 06-11 → Tue 06-15: only the Tuesday counts.
    expect(calendar.elapsedWorkingDays("2021-06-11 10:00:00", "2021-06-15 10:00:00")).toBe(1);
  });

  it("counts an adjusted working weekend day (调休): 中秋 2021, Saturday 09-18 worked", () => {
    // Fri 09-17 → Wed 09-22: Sat 18 (调休, worked), 19–21 holiday, Wed 22 → 2.
    expect(calendar.elapsedWorkingDays("2021-09-17 09:00:00", "2021-09-22 09:00:00")).toBe(2);
    // 劳动节: Fri 04-30 → Sat 05-08 (调休): 05-01..05 holiday, Thu 6, Fri 7, Sat 8 → 3.
    expect(calendar.elapsedWorkingDays("2021-04-30 16:00:00", "2021-05-08 11:00:00")).toBe(3);
  });

  it("starts from the next working day when accepted on a non-working day", () => {
    // accepted on Sunday 06-13 (holiday), completed Tue 06-15: only Tue counts.
    expect(calendar.elapsedWorkingDays("2021-06-13 22:00:00", "2021-06-15 09:00:00")).toBe(1);
    // completed on a holiday adds nothing: Fri 06-11 → Mon 06-14 (端午) = 0.
    expect(calendar.elapsedWorkingDays("2021-06-11 09:00:00", "2021-06-14 09:00:00")).toBe(0);
  });

  it("applies local overrides", () => {
    const local = new WorkingDayCalendar(2021, 2021, new Map([["2021-06-15", false]]));
    expect(local.elapsedWorkingDays("2021-06-11 10:00:00", "2021-06-16 10:00:00")).toBe(1);
    expect(calendar.elapsedWorkingDays("2021-06-11 10:00:00", "2021-06-16 10:00:00")).toBe(2);
  });

  it("refuses dates outside its span", () => {
    expect(calendar.covers("2019-12-31")).toBe(false);
    expect(() => calendar.elapsedWorkingDays("2019-12-31 10:00:00", "2020-01-02 10:00:00")).toThrow(RangeError);
  });
});
