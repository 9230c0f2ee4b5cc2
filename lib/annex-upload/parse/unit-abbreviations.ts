// Unit names as people write them: the usual abbreviations (简称) of 达州's departments, each
// to the directory's full name (prisma/reference/2021-06.json). An upload that writes 市人社局
// reads as 市人力资源和社会保障局 without a mapping. Admins extend this with their own aliases
// (UnitAlias: every mapping made on an upload's preview is remembered at publish).
import { unitNameKey } from "@/lib/spreadsheet/normalize";
import type { KnownUnit } from "./validate";

/** abbreviation → full name as in the unit directory. */
export const UNIT_ABBREVIATIONS: Readonly<Record<string, string>> = {
  市发改委: "市发展和改革委员会",
  市经信局: "市经济和信息化局",
  市科技局: "市科学技术局",
  市民宗局: "市民族宗教事务局",
  市人社局: "市人力资源和社会保障局",
  市自规局: "市自然资源和规划局",
  市自然资源局: "市自然资源和规划局",
  市环境局: "市生态环境局",
  市住建局: "市住房和城乡建设局",
  市交通局: "市交通运输局",
  市农业局: "市农业农村局",
  市退役军人局: "市退役军人事务局",
  市文体旅局: "市文化体育和旅游局",
  市文旅局: "市文化体育和旅游局",
  市卫健委: "市卫生健康委员会",
  市应急局: "市应急管理局",
  市市场监管局: "市市场监督管理局",
  市监局: "市市场监督管理局",
  市人防办: "市人民防空办公室",
  市经合外事局: "市经济合作和外事局",
  市城管局: "市城管执法局",
  市中医药局: "市中医药管理局",
  市金融局: "市金融工作局",
  市医保局: "市医疗保障局",
  市残联: "市残疾人联合会",
  市国安局: "达州市国家安全局",
  市国家安全局: "达州市国家安全局",
  市邮政局: "市邮政管理局",
  市公共资源交易中心: "市公共资源交易服务中心",
  市公积金中心: "市住房公积金管理中心",
  公积金中心: "市住房公积金管理中心",
  市侨办: "市侨务办公室",
  市消防支队: "市消防救援支队",
};

const BY_KEY = new Map(Object.entries(UNIT_ABBREVIATIONS).map(([short, full]) => [unitNameKey(short), full]));

/** The known unit an abbreviation (or the name with the city's name in front, 达州市人社局) stands for. */
export function unitByAbbreviation(name: string, known: readonly KnownUnit[]): KnownUnit | null {
  const key = unitNameKey(name).replace(/^达州市/, "市");
  const full = BY_KEY.get(key) ?? BY_KEY.get(unitNameKey(name));
  if (!full) return null;
  return known.find((u) => unitNameKey(u.name) === unitNameKey(full)) ?? null;
}

/**
 * Whether `short` reads as an abbreviation of `full`: its characters appear in `full` in
 * order (市人社局 in 市人力资源和社会保障局, 公积金中心 in 市住房公积金管理中心), starting and
 * ending alike when both are 市… / …局.
 */
export function looksLikeAbbreviation(short: string, full: string): boolean {
  const a = Array.from(unitNameKey(short));
  const b = Array.from(unitNameKey(full));
  if (a.length < 2 || a.length >= b.length) return false;
  let j = 0;
  for (const ch of b) if (ch === a[j]) j++;
  if (j < a.length) return false;
  return a[a.length - 1] === b[b.length - 1];
}
