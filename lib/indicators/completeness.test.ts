// The completeness gate on 2021-06 (complete) and on its rows without any summary figure.
import { describe, expect, it } from "vitest";
import reference from "@/prisma/reference/2021-06.json" with { type: "json" };
import { referenceMonthFromJson } from ".";
import { bulletinGaps, exactSummaryPrefill, gapKeys } from "./completeness";

const ref = referenceMonthFromJson(reference);

describe("bulletinGaps", () => {
  it("finds nothing missing in the reference month", () => {
    expect(bulletinGaps(ref.rows, ref.summaries)).toEqual([]);
  });

  it("lists, by section, what the rows alone leave blank or estimated, with the input that makes each exact", () => {
    const gaps = bulletinGaps(ref.rows, {});
    const keys = gapKeys(gaps);
    expect(keys).toContain("overview:CITY.promiseSpeedupRate:estimated");
    expect(keys).toContain("evaluation:CITY.satisfactionRate:missing");
    // No department gives its 办结件总数（包含批量件）: 市本级's rate is missing, and so the city's
    // (never divided by this month's completions instead).
    expect(keys).toContain("evaluation:CITY.activeEvaluationRate:missing");
    expect(keys).toContain("evaluation:MUNICIPAL.activeEvaluationRate:missing");
    expect(keys.some((k) => k.endsWith(":otherBasis"))).toBe(false);
    expect(keys).toContain("problems:CITY.coverageRate:missing");
    expect(keys).toContain("problems:CITY.catalogClaimRate:missing");
    // Counts add up exactly from the rows: never a gap.
    expect(keys.some((k) => /\.(applied|accepted|completed):/.test(k))).toBe(false);
    const rate = gaps.find((g) => g.field === "activeEvaluationRate" && g.scope === "city")!;
    expect(rate.inputs).toEqual([
      { scope: "CITY", field: "activeEvaluationRate" },
      { scope: "CITY", field: "completedInclBatch" },
    ]);
    // In the bulletin's order of sections.
    const sections = gaps.map((g) => g.section);
    expect(sections.indexOf("overview")).toBeLessThan(sections.indexOf("problems"));
  });

  it("pre-fills what the rows give exactly, never an estimate", () => {
    const prefill = exactSummaryPrefill(ref.rows, {});
    expect(prefill.CITY.applied).toBe(1_048_052);
    expect(prefill.MUNICIPAL.applied).toBe(46_015);
    expect(prefill.CITY.promiseSpeedupRate).toBeUndefined();
    expect(prefill.CITY.satisfactionRate).toBeUndefined();
    expect(typeof prefill.CITY.onlineShare).toBe("number");
  });
});
