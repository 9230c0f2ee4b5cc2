// A figure and its change read in the page's language: the same decision prints 件 and 个百分点
// with Chinese brackets on a Chinese page, "cases" and "pp" with English ones on an English page
// (issue 23, English). The Chinese wording is the one the e2e tests read on the Chinese pages.
import { describe, expect, it } from "vitest";
import { comparisonBadge, figureValueText, figureWithNote, previousLegend } from "@/lib/dashboard/format-figure";
import { en } from "@/lib/i18n/en";
import { joinList, labelled, marks, paren, withNote } from "@/lib/i18n/punctuation";
import { zhCN } from "@/lib/i18n/zh-CN";
import type { FigureComparison, FigureDecision } from "@/lib/indicators/figure-decision";

const applied: FigureDecision = {
  scope: "city",
  field: "applied",
  kind: "count",
  value: 1048053,
  status: "stated",
  method: null,
  basis: null,
  missingReason: null,
};
const rate: FigureDecision = { ...applied, field: "coverageRate", kind: "rate", value: 32.0065 };
const rateDrop: FigureComparison = {
  status: "compared",
  kind: "rate",
  change: { current: 93.94, previous: 129.03, points: -35.09 },
  previousMonth: "2021-05",
  previousIsDemo: true,
  estimated: false,
};
const countDrop: FigureComparison = {
  status: "compared",
  kind: "count",
  change: { current: 1048053, previous: 1138820, difference: -90767, relative: -7.97 },
  previousMonth: "2021-05",
  previousIsDemo: false,
  estimated: false,
};
const flat: FigureComparison = { ...rateDrop, change: { current: 93.94, previous: 93.94, points: 0 } };
const HAN = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

describe("figures in the page's language", () => {
  it("prints a count with 件 in Chinese and cases in English", () => {
    expect(figureValueText(applied, zhCN)).toBe("1,048,053件");
    expect(figureValueText(applied, en)).toBe("1,048,053 cases");
    expect(figureValueText(rate, en)).toBe("32.01%");
  });

  it("prints a change in 个百分点 in Chinese and pp in English, labelled as against demo data", () => {
    expect(comparisonBadge(rateDrop, zhCN).text).toBe("较上月 −35.09个百分点（上月为示例数据）");
    expect(comparisonBadge(rateDrop, en).text).toBe("vs last month −35.09 pp (last month is demo data)");
    expect(comparisonBadge(countDrop, zhCN).text).toBe("较上月 −90,767件（-8.0%）");
    expect(comparisonBadge(countDrop, en).text).toBe("vs last month −90,767 cases (-8.0%)");
    expect(comparisonBadge(flat, en).text).toBe("vs last month unchanged (last month is demo data)");
  });

  it("writes no Chinese character or mark on an English page", () => {
    const estimated: FigureDecision = { ...rate, status: "estimated", method: "weighted" };
    for (const text of [
      figureValueText(applied, en),
      figureWithNote(estimated, en),
      comparisonBadge(rateDrop, en).text,
      comparisonBadge(countDrop, en).text,
      previousLegend(en, "May 2021", true),
    ])
      expect(text).not.toMatch(HAN);
    expect(previousLegend(zhCN, "2021年5月", true)).toBe("上月（2021年5月，示例数据）");
  });

  it("puts the language's punctuation around the product's words", () => {
    expect(paren("示例数据", "zh-CN")).toBe("（示例数据）");
    expect(paren("demo data", "en")).toBe("(demo data)");
    expect(withNote("93.94%", "估算", "zh-CN")).toBe("93.94%（估算）");
    expect(withNote("93.94%", "estimate", "en")).toBe("93.94% (estimate)");
    expect(withNote("93.94%", null, "en")).toBe("93.94%");
    expect(labelled("返回", "市本级", "zh-CN")).toBe("返回：市本级");
    expect(labelled("Back", "Municipal level", "en")).toBe("Back: Municipal level");
    expect(joinList(["甲", "乙"], "zh-CN")).toBe("甲、乙");
    expect(joinList(["A", "B"], "en")).toBe("A, B");
    expect(Object.values(marks("en")).join("")).not.toMatch(HAN);
  });
});
