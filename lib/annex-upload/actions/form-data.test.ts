// The preview form's fields read back: mappings by position (the name travels as a value),
// and typed summary figures, where a count the database cannot hold is ignored, not published.
import { describe, expect, it } from "vitest";
import { mappingFieldNames } from "@/lib/annex-upload/mapping-fields";
import { MAX_COUNT } from "@/lib/annex-upload/parse/limits";
import { mappingsFrom, summaryFormFrom } from "./form-data";

function form(entries: Array<[string, string]>): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe("mappingsFrom", () => {
  it("pairs each name with its target by position; unmapped and malformed entries are left out", () => {
    const [a, b, c] = [0, 1, 2].map(mappingFieldNames) as [
      ReturnType<typeof mappingFieldNames>,
      ReturnType<typeof mappingFieldNames>,
      ReturnType<typeof mappingFieldNames>,
    ];
    const data = form([
      [a.name, '市"测试"局'],
      [a.target, "d08"],
      [b.name, "新单位"],
      [b.target, "new:DISTRICT"],
      [c.name, "未处理"],
      [c.target, ""],
      ["mapTo:9", "d01"], // no name
      [mappingFieldNames(3).name, "x"],
      [mappingFieldNames(3).target, "DROP TABLE"],
    ]);
    expect(mappingsFrom(data)).toEqual({ '市"测试"局': "d08", 新单位: "new:DISTRICT" });
  });
});

describe("summaryFormFrom", () => {
  it("keeps counts up to 2^31 − 1 and rates; drops bigger or fractional counts", () => {
    const data = form([
      ["summary:CITY:applied", String(MAX_COUNT)],
      ["summary:MUNICIPAL:applied", "99999999999999999999999"],
      ["summary:DISTRICTS:applied", "12.5"],
      ["summary:CITY:onlineShare", "85.16%"],
    ]);
    expect(summaryFormFrom(data)).toEqual({ CITY: { applied: MAX_COUNT, onlineShare: 85.16 } });
  });
});
