// Finding a unit by what a reader types: its name or any part of it (公安), an
// abbreviation whose characters appear in order in the name (市人社局 → 市人力资源和社会
// 保障局), its pinyin initials (gaj, sgaj) or full pinyin (gongan). The pinyin comes from
// pinyin-pro's dictionary, computed once per unit on the server; matching runs in the browser.
import { pinyin } from "pinyin-pro";
import type { UnitSearchEntry } from "@/lib/dashboard/unit-search/unit-match";

export { searchUnits, type UnitSearchEntry } from "@/lib/dashboard/unit-search/unit-match";

export function searchEntryOf(unit: {
  code: string;
  name: string;
  kind: "DEPARTMENT" | "DISTRICT";
  aliases?: string[];
}): UnitSearchEntry {
  const initials = pinyin(unit.name, { pattern: "first", toneType: "none", type: "array" }).join("").toLowerCase();
  const spelled = pinyin(unit.name, { toneType: "none", type: "array" }).join("").toLowerCase();
  return { code: unit.code, name: unit.name, kind: unit.kind, aliases: unit.aliases ?? [], initials, spelled };
}
