import { describe, expect, test } from "vitest";
import { zhCN } from "@/lib/i18n/zh-CN";
import { ANNEX_FIELDS, REPORTED_SUMMARY_FIELDS, type UnitKind } from "@/lib/indicators";
import { ANNEX_GROUPS, ANNEX_REPORT_LABELS } from "@/lib/indicators/annex-layout";
import { annexHeaderCells } from "./annex-workbook";
import { kindFromText, parseKind, resolveColumn, resolveSummaryField, summaryFieldLabel } from "./labels";

describe("resolveColumn", () => {
  test.each(["DEPARTMENT", "DISTRICT"] as UnitKind[])(
    "every column of the report's %s header resolves to its field",
    (kind) => {
      const cells = annexHeaderCells(kind);
      const fields = ANNEX_GROUPS.flatMap((g) => g.fields);
      for (const [i, field] of fields.entries()) {
        const col = i + 2;
        const path = cells
          .filter((c) => c.col <= col && col < c.col + c.colSpan)
          .sort((a, b) => a.row - b.row)
          .map((c) => c.text);
        expect(resolveColumn(path), `${path.join("/")}`).toEqual({ role: "field", field });
      }
      expect(resolveColumn([ANNEX_REPORT_LABELS[kind].seq])).toEqual({ role: "seq" });
      expect(resolveColumn([ANNEX_REPORT_LABELS[kind].name])).toEqual({ role: "name", kind });
    },
  );

  test("the same label under different groups", () => {
    expect(resolveColumn(["办件情况（件）", "办结"])).toEqual({ role: "field", field: "completed" });
    expect(resolveColumn(["承诺件办件情况（件）", "办结"])).toEqual({ role: "field", field: "promisedCompleted" });
    expect(resolveColumn(["线上办件情况（件）", "办结"])).toEqual({ role: "field", field: "onlineCompleted" });
    expect(resolveColumn(["线上承诺件办件情况（件）", "办结"])).toEqual({
      role: "field",
      field: "onlinePromisedCompleted",
    });
    expect(resolveColumn(["承诺件办件效率（%）", "办理提速"])).toEqual({ role: "field", field: "handlingSpeedupRate" });
    expect(resolveColumn(["线上承诺办件效率", "办理提速"])).toEqual({
      role: "field",
      field: "onlineHandlingSpeedupRate",
    });
    // The nearest group heading counts: a super-heading above is ignored.
    expect(resolveColumn(["线上办件", "线上承诺件办件情况（件）", "超时办结"])).toEqual({
      role: "field",
      field: "onlinePromisedOverdueCompleted",
    });
  });

  test("one-row labels: the template's, the glossary identifiers, the JSON's", () => {
    for (const field of ANNEX_FIELDS) {
      expect(resolveColumn([zhCN.fields[field]])).toEqual({ role: "field", field });
      expect(resolveColumn([`${zhCN.fields[field]}（%）`])).toEqual({ role: "field", field });
      expect(resolveColumn([field])).toEqual({ role: "field", field });
      expect(resolveColumn([field.toUpperCase()])).toEqual({ role: "field", field });
    }
    expect(resolveColumn(["承诺件 办结"])).toEqual({ role: "field", field: "promisedCompleted" });
    expect(resolveColumn(["线上承诺办件效率 网上办理(率)"])).toEqual({ role: "field", field: "onlineHandlingRate" });
    expect(resolveColumn(["承诺提速"])).toEqual({ role: "field", field: "promiseSpeedupRate" });
    expect(resolveColumn(["办结件总数（含批量件）（选填）"])).toEqual({ role: "extra", field: "completedInclBatch" });
  });

  test("ambiguous and unknown labels", () => {
    expect(resolveColumn(["办结"])).toEqual({
      role: "ambiguous",
      fields: ["completed", "promisedCompleted", "onlineCompleted", "onlinePromisedCompleted"],
    });
    expect(resolveColumn(["办理提速"])).toMatchObject({ role: "ambiguous" });
    expect(resolveColumn(["备注"])).toBeNull();
    expect(resolveColumn([])).toBeNull();
  });

  test("roles of the template and the summary sheet", () => {
    expect(resolveColumn(["单位名称"])).toEqual({ role: "name", kind: null });
    expect(resolveColumn(["单位类型"])).toEqual({ role: "kind" });
    expect(resolveColumn(["月份"])).toEqual({ role: "month" });
    expect(resolveColumn(["指标"])).toEqual({ role: "indicator" });
    expect(resolveColumn(["县（市、区）"])).toEqual({ role: "scope", scope: "DISTRICTS" });
  });
});

describe("kinds and summary fields", () => {
  test("kinds from titles, sheet names and cells", () => {
    expect(kindFromText("达州市一体化政务服务平台县（市、区）运行情况表（2021年 6月）")).toBe("DISTRICT");
    expect(kindFromText("达州市一体化政务服务平台市级部门运行情况表（2021年 6月）")).toBe("DEPARTMENT");
    expect(kindFromText("附件2")).toBe("DISTRICT");
    expect(kindFromText("Sheet1")).toBeNull();
    expect(parseKind("县（市、区）")).toBe("DISTRICT");
    expect(parseKind(" 市级部门 ")).toBe("DEPARTMENT");
    expect(parseKind("DISTRICT")).toBe("DISTRICT");
    expect(parseKind("省级")).toBeNull();
  });

  test("every summary field by its label and identifier", () => {
    for (const field of REPORTED_SUMMARY_FIELDS) {
      expect(resolveSummaryField(summaryFieldLabel(field))).toBe(field);
      expect(resolveSummaryField(`${summaryFieldLabel(field)}（%）`)).toBe(field);
      expect(resolveSummaryField(field)).toBe(field);
    }
    expect(resolveSummaryField("评价总数")).toBe("activeEvaluations");
    expect(resolveSummaryField("未知")).toBeNull();
  });
});
