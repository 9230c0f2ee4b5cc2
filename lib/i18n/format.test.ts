import { describe, expect, it } from "vitest";
import { onlineShare } from "@/lib/indicators/rates";
import { formatCount, formatPoints, formatRate, formatSignedCount, formatSignedRate, MISSING } from "./format";

describe("formatCount", () => {
  it("groups thousands, with 件 when asked", () => {
    expect(formatCount(1048053)).toBe("1,048,053");
    expect(formatCount(1048053, { unit: true })).toBe("1,048,053件");
    expect(formatCount(1048053, { unit: true, locale: "en" })).toBe("1,048,053 cases");
    expect(formatCount(1, { unit: true, locale: "en" })).toBe("1 case");
    expect(formatCount(0)).toBe("0");
    expect(formatCount(null)).toBe(MISSING);
    expect(formatCount(733461.84)).toBe("733,462");
  });
});

describe("formatRate", () => {
  it("2 decimals always, rounded as the report prints", () => {
    expect(formatRate(onlineShare(335445, 1048053))).toBe("32.01%");
    expect(formatRate(32.005)).toBe("32.01%");
    expect(formatRate(31.6)).toBe("31.60%");
    expect(formatRate(238)).toBe("238.00%");
    expect(formatRate(100)).toBe("100.00%");
    expect(formatRate(-19.97)).toBe("\u221219.97%");
    expect(formatRate(-0.001)).toBe("0.00%");
    expect(formatRate(1234.5)).toBe("1,234.50%");
  });
  it("— for a missing rate, never 0.00% or NaN%", () => {
    expect(formatRate(null)).toBe("—");
    expect(formatRate(undefined)).toBe("—");
    expect(formatRate(Number.NaN)).toBe("—");
  });
});

describe("signed changes", () => {
  it("counts", () => {
    expect(formatSignedCount(172171)).toBe("+172,171");
    expect(formatSignedCount(-1234)).toBe("\u22121,234");
    expect(formatSignedCount(0)).toBe("0");
    expect(formatSignedCount(172171, { unit: true })).toBe("+172,171件");
    expect(formatSignedCount(null)).toBe("—");
  });
  it("percentage points, zh-CN and en", () => {
    expect(formatPoints(-35.09)).toBe("\u221235.09个百分点");
    expect(formatPoints(-35.09, "en")).toBe("\u221235.09 pp");
    expect(formatPoints(93.94 - 129.03)).toBe("\u221235.09个百分点");
    expect(formatPoints(1.2)).toBe("+1.20个百分点");
    expect(formatPoints(0)).toBe("0.00个百分点");
    expect(formatPoints(null, "en")).toBe("—");
  });
  it("relative change", () => {
    expect(formatSignedRate((172171 / 549636) * 100)).toBe("+31.32%");
    expect(formatSignedRate(-25)).toBe("\u221225.00%");
  });
});
