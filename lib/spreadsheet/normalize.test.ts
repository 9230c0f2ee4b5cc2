import { describe, expect, test } from "vitest";
import {
  cleanUnitName,
  columnLetter,
  editDistance,
  findMonthsInText,
  labelKey,
  parseMonthText,
  parseNumericText,
  tidy,
  unitNameKey,
} from "./normalize";

describe("labelKey", () => {
  test("spaces, line breaks, full-width forms, brackets and unit markers do not matter", () => {
    const key = labelKey("办件情况（件）");
    for (const variant of [
      "办件情况 (件)",
      "办件情况\n（件）",
      "办件\u3000情况【件】",
      " 办件情况［件］ ",
      "办件情况",
    ]) {
      expect(labelKey(variant)).toBe(key);
    }
    expect(labelKey("超时办\r\n结")).toBe("超时办结");
    expect(labelKey("承诺件办件效率（％）")).toBe(labelKey("承诺件办件效率(%)"));
    expect(labelKey("承诺提速(率)")).toBe("承诺提速");
    expect(labelKey("主动评价率（通报数）（选填）")).toBe("主动评价率(通报数)");
    expect(labelKey("promisedCompleted")).toBe("promisedcompleted");
    expect(labelKey("序号：")).toBe("序号");
  });
});

describe("names", () => {
  test("whitespace of any kind is removed; keys also fold widths", () => {
    expect(cleanUnitName("渠 县")).toBe("渠县");
    expect(cleanUnitName("\u3000通川区\u200b\n")).toBe("通川区");
    expect(unitNameKey("市委（市政府）办公室")).toBe(unitNameKey("市委(市政府)办公室"));
  });
});

describe("parseNumericText", () => {
  test.each([
    ["1234", 1234, false],
    ["1,234", 1234, false],
    ["1,234,567.5", 1234567.5, false],
    [" 12 ", 12, false],
    ["８５．１６％", 85.16, true],
    ["85.16%", 85.16, true],
    ["0%", 0, true],
    ["-19.97%", -19.97, true],
    ["\u221219.97", -19.97, false],
    ["+3", 3, false],
    [".5", 0.5, false],
  ])("%s", (text, value, percent) => {
    expect(parseNumericText(text)).toEqual({ value, percent });
  });

  test.each(["", "abc", "—", "-", "12a", "1,23", "1.2.3", "%", "=1+2", "Infinity", "1e5"])(
    "%j is not a number",
    (text) => {
      expect(parseNumericText(text)).toBeNull();
    },
  );

  test("tidy removes floating-point noise", () => {
    expect(0.1403 * 100).not.toBe(14.03);
    expect(tidy(0.1403 * 100)).toBe(14.03);
    expect(tidy(0.0001 * 100)).toBe(0.01);
  });
});

describe("months", () => {
  test("in titles", () => {
    expect(findMonthsInText("达州市一体化政务服务平台市级部门运行情况表（2021年 6月）")).toEqual(["2021-06"]);
    expect(findMonthsInText("（2021年6月）")).toEqual(["2021-06"]);
    expect(findMonthsInText("２０２１年１２月")).toEqual(["2021-12"]);
    expect(findMonthsInText("统计期：2021-06")).toEqual(["2021-06"]);
    expect(findMonthsInText("2021/6 数据")).toEqual(["2021-06"]);
    expect(findMonthsInText("达州市政务服务管理局 2021年 7月 26日印发")).toEqual([]);
    expect(findMonthsInText("2021-07-26")).toEqual([]);
    expect(findMonthsInText("85.16%，2021年13月")).toEqual([]);
  });

  test("in 月份 cells", () => {
    for (const text of [
      "2021-06",
      "2021-6",
      "2021/06",
      "2021.6",
      "2021年6月",
      "2021年06月",
      "202106",
      "2021-06-01",
      "2021/6/1",
      "2021年6月1日",
      " 2021 - 06 ",
    ]) {
      expect(parseMonthText(text), text).toBe("2021-06");
    }
    for (const text of ["六月", "Jun-21", "2021", "2021-13", "21-06"]) expect(parseMonthText(text), text).toBeNull();
  });
});

describe("small helpers", () => {
  test("columnLetter", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      "A",
      "B",
      "Z",
      "AA",
      "AB",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
    ]);
  });
  test("editDistance", () => {
    expect(editDistance("市公安", "市公安局")).toBe(1);
    expect(editDistance("渠县", "渠县")).toBe(0);
    expect(editDistance("", "通川区")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
});
