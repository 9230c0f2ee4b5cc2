// Due dates on the official calendar: the National Day holiday of 2021 (1–7 October, with
// Saturday 9 October a working day) and a local correction.
import { describe, expect, it } from "vitest";
import { addWorkingDays, chinaDate, chinaTime } from "./due-date";

describe("addWorkingDays", () => {
  it("counts from the day after, skips the holiday and counts the adjusted Saturday", () => {
    expect(addWorkingDays("2021-09-30", 1)).toBe("2021-10-08");
    expect(addWorkingDays("2021-09-30", 2)).toBe("2021-10-09");
    expect(addWorkingDays("2021-09-30", 10)).toBe("2021-10-20");
    expect(addWorkingDays("2021-07-02", 0)).toBe("2021-07-02");
    expect(addWorkingDays("2021-07-02", 1)).toBe("2021-07-05"); // Friday → Monday
  });
  it("applies the city's corrections", () => {
    expect(addWorkingDays("2021-09-30", 10, new Map([["2021-10-19", false]]))).toBe("2021-10-21");
    expect(addWorkingDays("2021-07-02", 1, new Map([["2021-07-03", true]]))).toBe("2021-07-03");
  });
  it("takes the day in China", () => {
    expect(chinaDate(new Date("2021-09-29T17:00:00Z"))).toBe("2021-09-30");
  });
});

describe("chinaTime", () => {
  it("reads a moment in Beijing, across midnight and in a 24-hour clock", () => {
    expect(chinaTime(new Date("2021-09-30T16:30:00Z"))).toBe("2021-10-01 00:30");
    expect(chinaTime(new Date("2026-12-07T14:53:09Z"))).toBe("2026-12-07 22:53");
    expect(chinaTime(new Date("2021-06-01T04:05:00Z"))).toBe("2021-06-01 12:05");
  });
});
