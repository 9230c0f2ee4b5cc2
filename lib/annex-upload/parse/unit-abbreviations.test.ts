// The usual abbreviations of 达州's departments find their unit, in the directory of 2021-06.
import { describe, expect, it } from "vitest";
import { referenceMonthFromJson } from "@/lib/indicators";
import reference from "@/prisma/reference/2021-06.json" with { type: "json" };
import { looksLikeAbbreviation, unitByAbbreviation } from "./unit-abbreviations";
import { type KnownUnit, suggestUnits } from "./validate";

const known: KnownUnit[] = referenceMonthFromJson(reference).rows.map((r) => ({
  code: r.unitCode,
  name: r.unitName,
  kind: r.kind,
  seq: r.seq,
}));

const CASES: Array<[string, string]> = [
  ["市人社局", "市人力资源和社会保障局"],
  ["市住建局", "市住房和城乡建设局"],
  ["市发改委", "市发展和改革委员会"],
  ["市市场监管局", "市市场监督管理局"],
  ["公积金中心", "市住房公积金管理中心"],
  ["市卫健委", "市卫生健康委员会"],
  ["市经信局", "市经济和信息化局"],
  ["市医保局", "市医疗保障局"],
  ["市文旅局", "市文化体育和旅游局"],
  ["市残联", "市残疾人联合会"],
  ["市人防办", "市人民防空办公室"],
  ["市应急局", "市应急管理局"],
  ["市自规局", "市自然资源和规划局"],
  ["达州市人社局", "市人力资源和社会保障局"],
];

describe("unit abbreviations", () => {
  it.each(CASES)("%s is %s, and is the first suggestion", (short, full) => {
    expect(unitByAbbreviation(short, known)?.name).toBe(full);
    expect(suggestUnits(short, known)[0]?.name).toBe(full);
  });

  it("suggests by the characters in order for an abbreviation not in the list", () => {
    expect(looksLikeAbbreviation("市交运局", "市交通运输局")).toBe(true);
    expect(suggestUnits("市交运局", known)[0]?.name).toBe("市交通运输局");
    expect(looksLikeAbbreviation("市人社局", "市财政局")).toBe(false);
  });
});
