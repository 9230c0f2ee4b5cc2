// An upload that writes departments by their usual abbreviations (市人社局, 公积金中心 …) reads
// them as the directory's units without a mapping, on a real database.
import { afterAll, beforeAll, expect, it } from "vitest";
import { templateCsv } from "@/lib/annex-upload/parse/template";
import { referenceMonth } from "@/lib/demo-data/reference-month";
import { seedDatabase } from "@/lib/demo-data/seed-database";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { checkUpload } from "./check-upload";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db.prisma);
}, 120_000);
afterAll(() => db?.drop());

it("resolves abbreviations to their units; no unknown unit is left", async () => {
  const short: Record<string, string> = {
    市人力资源和社会保障局: "市人社局",
    市住房公积金管理中心: "公积金中心",
    市住房和城乡建设局: "市住建局",
    市市场监督管理局: "市市场监管局",
    市发展和改革委员会: "市发改委",
  };
  const units = referenceMonth.rows.map((r) => ({ ...r, unitName: short[r.unitName] ?? r.unitName }));
  const { annex } = templateCsv({ month: "2021-07", units });
  const check = await checkUpload(db.prisma, [{ fileName: annex.fileName, bytes: annex.bytes }], { month: "2021-07" });
  expect(check.unknownNames).toEqual([]);
  expect(Object.keys(check.applied).sort()).toEqual(Object.values(short).sort());
  expect(check.validation.rows.map((r) => r.unitName)).toEqual(referenceMonth.rows.map((r) => r.unitName));
}, 60_000);
