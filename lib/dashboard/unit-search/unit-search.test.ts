import { describe, expect, it } from "vitest";
import { searchEntryOf, searchUnits } from "./unit-search";

const entries = [
  { code: "d07", name: "市民族宗教事务局", kind: "DEPARTMENT" as const },
  { code: "d08", name: "市公安局", kind: "DEPARTMENT" as const },
  { code: "d13", name: "市人力资源和社会保障局", kind: "DEPARTMENT" as const },
  { code: "d38", name: "市公共资源交易服务中心", kind: "DEPARTMENT" as const },
  { code: "x04", name: "宣汉县", kind: "DISTRICT" as const },
].map((u) => searchEntryOf(u));

const codes = (query: string) => searchUnits(entries, query).map((e) => e.code);

describe("searchUnits", () => {
  it("finds 市公安局 by its name, part of it and its pinyin initials", () => {
    expect(codes("市公安局")[0]).toBe("d08");
    expect(codes("公安")).toEqual(["d08"]);
    expect(codes("gaj")).toEqual(["d08"]);
    expect(codes("SGAJ")).toEqual(["d08"]);
  });

  it("finds an abbreviation whose characters appear in order in the name", () => {
    expect(codes("市人社局")).toEqual(["d13"]);
    expect(codes("人社")).toEqual(["d13"]);
  });

  it("matches full pinyin and ranks a prefix before a substring", () => {
    expect(codes("xuanhan")).toEqual(["x04"]);
    expect(codes("市公")).toEqual(["d08", "d38"]);
    expect(codes("sg")).toEqual(["d08", "d38"]);
  });

  it("offers nothing for an empty or unmatched query", () => {
    expect(codes("  ")).toEqual([]);
    expect(codes("zzz")).toEqual([]);
    expect(codes("局县")).toEqual([]);
  });
});
