// The units of the 2021-06 bulletin, in the report's order (序号), with stable
// URL codes and English names for the second UI language.

import { unitCodeFor } from "@/lib/indicators/reference-fixture";
import type { UnitKind } from "@/lib/indicators/types";

export type UnitSeed = { code: string; name: string; nameEn: string; kind: UnitKind; sortOrder: number };

const departments: Array<[string, string]> = [
  ["市委宣传部", "Publicity Department of the Municipal Party Committee"],
  ["市发展和改革委员会", "Development and Reform Commission"],
  ["市经济和信息化局", "Economy and Information Technology Bureau"],
  ["市教育局", "Education Bureau"],
  ["市科学技术局", "Science and Technology Bureau"],
  ["市税务局", "Taxation Bureau"],
  ["市民族宗教事务局", "Ethnic and Religious Affairs Bureau"],
  ["市公安局", "Public Security Bureau"],
  ["市民政局", "Civil Affairs Bureau"],
  ["市商务局", "Commerce Bureau"],
  ["市司法局", "Justice Bureau"],
  ["市财政局", "Finance Bureau"],
  ["市人力资源和社会保障局", "Human Resources and Social Security Bureau"],
  ["市自然资源和规划局", "Natural Resources and Planning Bureau"],
  ["市生态环境局", "Ecology and Environment Bureau"],
  ["市住房和城乡建设局", "Housing and Urban-Rural Development Bureau"],
  ["市交通运输局", "Transport Bureau"],
  ["市水务局", "Water Affairs Bureau"],
  ["市农业农村局", "Agriculture and Rural Affairs Bureau"],
  ["市退役军人事务局", "Veterans Affairs Bureau"],
  ["市文化体育和旅游局", "Culture, Sports and Tourism Bureau"],
  ["市卫生健康委员会", "Health Commission"],
  ["市应急管理局", "Emergency Management Bureau"],
  ["市市场监督管理局", "Market Regulation Administration"],
  ["市统计局", "Statistics Bureau"],
  ["市人民防空办公室", "Civil Air Defence Office"],
  ["市经济合作和外事局", "Economic Cooperation and Foreign Affairs Bureau"],
  ["市林业局", "Forestry Bureau"],
  ["市城管执法局", "Urban Management and Law Enforcement Bureau"],
  ["市中医药管理局", "Traditional Chinese Medicine Administration"],
  ["市金融工作局", "Financial Affairs Bureau"],
  ["市医疗保障局", "Healthcare Security Bureau"],
  ["市档案局", "Archives Bureau"],
  ["市残疾人联合会", "Disabled Persons' Federation"],
  ["市气象局", "Meteorological Bureau"],
  ["达州市国家安全局", "State Security Bureau"],
  ["市邮政管理局", "Postal Administration"],
  ["市公共资源交易服务中心", "Public Resources Trading Service Centre"],
  ["市住房公积金管理中心", "Housing Provident Fund Management Centre"],
  ["市侨务办公室", "Overseas Chinese Affairs Office"],
  ["市消防救援支队", "Fire and Rescue Detachment"],
];

const districts: Array<[string, string]> = [
  ["通川区", "Tongchuan District"],
  ["达川区", "Dachuan District"],
  ["万源市", "Wanyuan City"],
  ["宣汉县", "Xuanhan County"],
  ["大竹县", "Dazhu County"],
  ["渠县", "Qu County"],
  ["开江县", "Kaijiang County"],
  ["达州高新区", "Dazhou High-tech Zone"],
];

export const UNIT_SEEDS: UnitSeed[] = [
  ...departments.map(([name, nameEn], i) => ({
    code: unitCodeFor("DEPARTMENT", i + 1),
    name,
    nameEn,
    kind: "DEPARTMENT" as const,
    sortOrder: i + 1,
  })),
  ...districts.map(([name, nameEn], i) => ({
    code: unitCodeFor("DISTRICT", i + 1),
    name,
    nameEn,
    kind: "DISTRICT" as const,
    sortOrder: i + 1,
  })),
];
