import { describe, expect, it } from "vitest";
import {
  buildBulletin,
  bulletinPlainText,
  DEFAULT_PROBLEM_REMARKS,
  REFERENCE_BULLETIN_TEXTS,
} from "@/lib/bulletin/build";
import { DEFAULT_DISTRIBUTION, DEFAULT_ISSUER } from "@/lib/bulletin/build/texts";
import { REFERENCE_MONTH, referenceMonth } from "@/lib/demo-data/reference-month";
import { PROBLEM_KINDS } from "@/lib/indicators/problems";
import {
  defaultBulletinTexts,
  distributionFieldName,
  editableTexts,
  parseBulletinTextsForm,
  REFERENCE_TEXTS_MONTH,
  readStoredBulletinTexts,
  remarkFieldName,
} from "./bulletin-texts";

/** The form as the edit page fills it for a month. */
function filledForm(month: string): Map<string, string> {
  const texts = editableTexts(month, null);
  const form = new Map<string, string>();
  for (const kind of PROBLEM_KINDS) form.set(remarkFieldName(kind), texts.problemRemarks[kind]);
  for (const { label, lines } of texts.distribution) form.set(distributionFieldName(label as "报"), lines.join("\n"));
  form.set("overviewNote", texts.overviewNote ?? "");
  form.set("issuer", texts.issuer);
  form.set("issueDate", texts.issueDate ?? "");
  return form;
}

describe("bulletin texts", () => {
  it("knows the reference month", () => {
    expect(REFERENCE_TEXTS_MONTH).toBe(REFERENCE_MONTH);
    expect(defaultBulletinTexts("2021-06")).toBe(REFERENCE_BULLETIN_TEXTS);
    expect(defaultBulletinTexts("2021-05")).toEqual({});
  });

  it("fills the form with the report's texts for 2021-06 and generic ones otherwise", () => {
    const june = editableTexts("2021-06", null);
    expect(june).toMatchObject({
      issueDate: "2021-07-26",
      overviewNote: "本月未将批量件纳入办件统计",
      issuer: DEFAULT_ISSUER,
      distribution: DEFAULT_DISTRIBUTION,
    });
    expect(june.problemRemarks).toEqual(DEFAULT_PROBLEM_REMARKS);
    expect(editableTexts("2021-05", null)).toMatchObject({ issueDate: null, overviewNote: null });
  });

  it("reads an unchanged form back to what it showed", () => {
    const result = parseBulletinTextsForm(filledForm("2021-06"));
    expect(result).toEqual({ ok: true, texts: editableTexts("2021-06", null) });
  });

  it("trims, drops blank lines, normalises newlines; an empty remark prints none", () => {
    const form = filledForm("2021-06");
    form.set(remarkFieldName("lowCoverage"), "  与其他市州相比，仍有较大差距。\r\n");
    form.set(distributionFieldName("发"), "\n  各县（市、区）行政审批局。 \r\n\r\n");
    form.set(distributionFieldName("送"), "");
    form.set(remarkFieldName("evaluationRateDrop"), "");
    form.set("issueDate", " ");
    const result = parseBulletinTextsForm(form);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.texts.problemRemarks.lowCoverage).toBe("与其他市州相比，仍有较大差距。");
    expect(result.texts.distribution.map((d) => d.label)).toEqual(["报", "发"]);
    expect(result.texts.distribution[1]!.lines).toEqual(["各县（市、区）行政审批局。"]);
    expect(result.texts.issueDate).toBeNull();

    const bulletin = buildBulletin({
      current: { ...referenceMonth, isDemo: false, versionNumber: 1 },
      previous: null,
      texts: result.texts,
    });
    const text = bulletinPlainText(bulletin);
    expect(text).toContain("全市办件覆盖率仅为33.19%");
    expect(text).toContain("与其他市州相比，仍有较大差距。");
    expect(text).not.toContain("做到办件“一事一评”");
    expect(text).toContain("　　年　　月　　日印发");
  });

  it("refuses an empty issuer, a bad date, control characters and overlong text, per field", () => {
    const form = filledForm("2021-06");
    form.set("issuer", "  ");
    form.set("issueDate", "2021-02-30");
    form.set(remarkFieldName("noCases"), "x".repeat(501));
    form.set(distributionFieldName("报"), "a\u0007b");
    const result = parseBulletinTextsForm(form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toEqual({
      issuer: ["请填写印发机关"],
      issueDate: ["印发日期须为有效日期（年-月-日）"],
      "remark.noCases": ["备注不能超过 500 个字"],
      "distribution.报": ["“报”含有不可打印的字符"],
    });
  });

  it("reads stored versions tolerantly", () => {
    const stored = editableTexts("2021-06", null);
    expect(readStoredBulletinTexts(stored)).toEqual({ texts: stored, invalid: [] });
    const bad = readStoredBulletinTexts({ issuer: 5, issueDate: "26 July", problemRemarks: { lowCoverage: "x" } });
    expect(bad.invalid).toEqual(["issuer", "issueDate"]);
    expect(bad.texts).toEqual({ problemRemarks: { lowCoverage: "x" } });
    expect(readStoredBulletinTexts("nonsense")).toEqual({ texts: {}, invalid: [] });
  });
});
