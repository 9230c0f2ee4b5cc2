import { describe, expect, it } from "vitest";
import reference from "../../prisma/reference/2021-06.json";
import { missingRateBase } from "./rate-bases";
import { referenceMonthFromJson } from "./reference-fixture";

describe("missingRateBase (2021-06)", () => {
  const rows = referenceMonthFromJson(reference).rows;
  const row = (name: string) => rows.find((r) => r.unitName === name)!;

  it("marks 市发展和改革委员会's 办理提速 as having no base (no promised case completed)", () => {
    const ndrc = row("市发展和改革委员会");
    expect(ndrc.handlingSpeedupRate).toBe(0);
    expect(missingRateBase(ndrc, "handlingSpeedupRate")).toBe("promisedCompleted");
    expect(missingRateBase(ndrc, "onlineEarlyCompletionRate")).toBe("onlinePromisedCompleted");
    // 承诺提速 and coverage do not stand on a case count.
    expect(missingRateBase(ndrc, "promiseSpeedupRate")).toBeNull();
    expect(missingRateBase(ndrc, "coverageRate")).toBeNull();
  });

  it("keeps a rate with a base, even a negative one", () => {
    const land = row("市自然资源和规划局");
    expect(land.handlingSpeedupRate).toBe(-19.97);
    expect(missingRateBase(land, "handlingSpeedupRate")).toBeNull();
  });

  it("never hides a non-zero rate: every rate with no base is 0 in the annexes", () => {
    for (const r of rows)
      for (const field of [
        "handlingSpeedupRate",
        "earlyCompletionRate",
        "onlineHandlingRate",
        "onlineHandlingSpeedupRate",
        "onlineEarlyCompletionRate",
      ] as const)
        if (missingRateBase(r, field)) expect(r[field], `${r.unitName} ${field}`).toBe(0);
  });
});
