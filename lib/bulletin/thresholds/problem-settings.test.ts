import { describe, expect, it } from "vitest";
import { DEFAULT_PROBLEM_SETTINGS, PROBLEM_KINDS } from "@/lib/indicators/problems";
import {
  changedSettings,
  enabledFieldName,
  parseProblemSettingsForm,
  readStoredProblemSettings,
} from "./problem-settings";

const allOn = PROBLEM_KINDS.map((kind) => [enabledFieldName(kind), "on"] as [string, string]);
const form = (values: Record<string, string>, enabled: Array<[string, string]> = allOn) => [
  ...Object.entries(values),
  ...enabled,
];

describe("parseProblemSettingsForm", () => {
  it("reads numbers, percent signs and the rule switches", () => {
    const result = parseProblemSettingsForm(
      form(
        { coverageRateBelow: "40", evaluationRateDropAbove: " 12.5 ", catalogClaimRateBelow: "99.5%" },
        allOn.filter(([k]) => k !== "enabled.noCases"),
      ),
    );
    expect(result).toEqual({
      ok: true,
      settings: {
        coverageRateBelow: 40,
        evaluationRateDropAbove: 12.5,
        catalogClaimRateBelow: 99.5,
        enabled: { ...DEFAULT_PROBLEM_SETTINGS.enabled, noCases: false },
      },
    });
  });

  it("returns the defaults' shape unchanged when given the defaults", () => {
    const result = parseProblemSettingsForm(
      form({ coverageRateBelow: "50", evaluationRateDropAbove: "10", catalogClaimRateBelow: "100" }),
    );
    expect(result).toEqual({ ok: true, settings: DEFAULT_PROBLEM_SETTINGS });
  });

  it("refuses blanks, words, negatives, values above the range and more than 2 decimals, per field", () => {
    const result = parseProblemSettingsForm(
      form({ coverageRateBelow: "", evaluationRateDropAbove: "十", catalogClaimRateBelow: "100.5" }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual([
      "catalogClaimRateBelow",
      "coverageRateBelow",
      "evaluationRateDropAbove",
    ]);
    expect(result.fieldErrors.catalogClaimRateBelow).toEqual(["认领率阈值不能大于 100"]);
    const more = parseProblemSettingsForm(
      form({ coverageRateBelow: "-1", evaluationRateDropAbove: "1.234", catalogClaimRateBelow: "Infinity" }),
    );
    expect(more.ok).toBe(false);
    if (more.ok) return;
    expect(more.fieldErrors.coverageRateBelow).toEqual(["办件覆盖率阈值不能小于 0"]);
    expect(more.fieldErrors.evaluationRateDropAbove).toEqual(["主动评价率降幅阈值最多保留两位小数"]);
    expect(more.fieldErrors.catalogClaimRateBelow).toBeDefined();
  });

  it("treats a missing checkbox as off (an unchecked box is not sent)", () => {
    const result = parseProblemSettingsForm(
      form({ coverageRateBelow: "50", evaluationRateDropAbove: "10", catalogClaimRateBelow: "100" }, []),
    );
    expect(result.ok && Object.values(result.settings.enabled).every((on) => !on)).toBe(true);
  });
});

describe("readStoredProblemSettings", () => {
  it("gives the defaults for nothing stored", () => {
    expect(readStoredProblemSettings(undefined)).toEqual({ settings: DEFAULT_PROBLEM_SETTINGS, invalid: [] });
    expect(readStoredProblemSettings(null)).toEqual({ settings: DEFAULT_PROBLEM_SETTINGS, invalid: [] });
  });

  it("reads a full value and fills a partial one with defaults", () => {
    expect(readStoredProblemSettings({ coverageRateBelow: 30, enabled: { overdue: false } })).toEqual({
      settings: {
        ...DEFAULT_PROBLEM_SETTINGS,
        coverageRateBelow: 30,
        enabled: { ...DEFAULT_PROBLEM_SETTINGS.enabled, overdue: false },
      },
      invalid: [],
    });
  });

  it("ignores invalid parts, saying which", () => {
    const { settings, invalid } = readStoredProblemSettings({
      coverageRateBelow: "30",
      evaluationRateDropAbove: -5,
      enabled: { noCases: "yes" },
    });
    expect(settings).toEqual(DEFAULT_PROBLEM_SETTINGS);
    expect(invalid).toEqual(["coverageRateBelow", "evaluationRateDropAbove", "enabled.noCases"]);
    expect(readStoredProblemSettings([1, 2]).settings).toEqual(DEFAULT_PROBLEM_SETTINGS);
  });
});

describe("changedSettings", () => {
  it("names the fields that changed", () => {
    const after = {
      ...DEFAULT_PROBLEM_SETTINGS,
      evaluationRateDropAbove: 40,
      enabled: { ...DEFAULT_PROBLEM_SETTINGS.enabled, missingData: false },
    };
    expect(changedSettings(DEFAULT_PROBLEM_SETTINGS, after)).toEqual([
      "evaluationRateDropAbove",
      "enabled.missingData",
    ]);
    expect(changedSettings(after, after)).toEqual([]);
  });
});
