// Bulk accounts from real .xlsx and .csv files into a real PostgreSQL: every row checked
// first (a bad file creates nothing and says where), each account with a working one-time
// password and the forced change flag, every creation audited.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/access/passwords";
import { craftedWorkbook, manyRowsSheet } from "@/lib/annex-upload/parse/crafted-xlsx";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import {
  createBulkAccounts,
  MAX_BULK_READ_ROWS,
  MAX_BULK_ROWS,
  MAX_BULK_UNPACKED_BYTES,
  parseBulkAccounts,
} from "./bulk-accounts";

let db: TestDatabase;
let units: Array<{ code: string; name: string }>;

beforeAll(async () => {
  db = await createTestDatabase();
  const { seedDatabase } = await import("@/lib/demo-data/seed-database");
  await seedDatabase(db.prisma, { demoMonths: 0 });
  units = await db.prisma.unit.findMany({ select: { code: true, name: true } });
});
afterAll(() => db?.drop());

async function xlsx(rows: string[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("账号");
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
const existing = async () =>
  new Set((await db.prisma.user.findMany({ select: { username: true } })).map((u) => u.username));

describe("bulk department accounts", () => {
  it("creates each account of an .xlsx with a one-time password that signs in, flagged for a forced change", async () => {
    const bytes = await xlsx([
      ["用户名", "姓名", "单位", "角色"],
      ["sfj", "市司法局", "市司法局", "部门/地区用户"],
      ["dachuan", "达川区", "达川区", ""],
      ["leader2", "李四", "", "领导"],
    ]);
    const parsed = await parseBulkAccounts("accounts.xlsx", bytes, units, await existing());
    expect(parsed).toMatchObject({ ok: true });
    if (!parsed.ok) return;
    const created = await createBulkAccounts(db.prisma, parsed.accounts, 1, "accounts.xlsx");
    expect(created.map((a) => [a.username, a.role, a.unitName])).toEqual([
      ["sfj", "DEPARTMENT", "市司法局"],
      ["dachuan", "DEPARTMENT", "达川区"],
      ["leader2", "OFFICIAL", null],
    ]);
    const sfj = await db.prisma.user.findUniqueOrThrow({ where: { username: "sfj" }, include: { unit: true } });
    expect(sfj.mustChangePassword).toBe(true);
    expect(sfj.unit?.name).toBe("市司法局");
    expect(created[0]!.password).toMatch(/^[a-zA-Z2-9]{12}$/);
    expect(await verifyPassword(sfj.passwordHash, created[0]!.password)).toBe(true);
    expect(await db.prisma.auditEvent.count({ where: { action: "user.create", actorId: 1 } })).toBeGreaterThanOrEqual(
      3,
    );
    expect(await db.prisma.auditEvent.findFirst({ where: { action: "user.bulkCreate" } })).toMatchObject({
      details: { count: 3, fileName: "accounts.xlsx" },
    });
  });

  it("refuses a .csv with errors, naming file, row and column, and creates nothing", async () => {
    const before = await db.prisma.user.count();
    const csv =
      "\uFEFF用户名,姓名,单位,角色\r\nok.user,甲,市公安局,\r\nsfj,乙,市公安局,\r\nBad Name,丙,市公安局,\r\nxx1,丁,不存在的局,\r\nxx2,戊,,\r\nxx3,己,市公安局,校长\r\n";
    const parsed = await parseBulkAccounts("accounts.csv", new TextEncoder().encode(csv), units, await existing());
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      "文件 accounts.csv，第 3 行，“用户名”列：用户名 sfj 已存在。",
      expect.stringMatching(/^文件 accounts\.csv，第 4 行，“用户名”列：“Bad Name”无效/),
      "文件 accounts.csv，第 5 行，“单位”列：单位“不存在的局”不在单位名录中，应填写单位全称（如 市公安局）或代码。",
      "文件 accounts.csv，第 6 行，“单位”列：部门/地区用户须填写所属单位；领导和管理员不填单位。",
      "文件 accounts.csv，第 7 行，“角色”列：“校长”无法识别，应为 部门/地区用户、领导 或 管理员。",
    ]);
    expect(await db.prisma.user.count()).toBe(before);
  });

  it("a role written constructor or __proto__ is an unknown role on its row, not an error of the server", async () => {
    const csv = "用户名,姓名,单位,角色\r\nyy1,甲,,constructor\r\nyy2,乙,,__proto__\r\nyy3,丙,,toString\r\n";
    const parsed = await parseBulkAccounts("roles.csv", new TextEncoder().encode(csv), units, await existing());
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      "文件 roles.csv，第 2 行，“角色”列：“constructor”无法识别，应为 部门/地区用户、领导 或 管理员。",
      "文件 roles.csv，第 3 行，“角色”列：“__proto__”无法识别，应为 部门/地区用户、领导 或 管理员。",
      "文件 roles.csv，第 4 行，“角色”列：“toString”无法识别，应为 部门/地区用户、领导 或 管理员。",
    ]);
  });

  it("names the sheet of an .xlsx and a missing column", async () => {
    const parsed = await parseBulkAccounts(
      "a.xlsx",
      await xlsx([
        ["用户名", "单位"],
        ["x1", "市公安局"],
      ]),
      units,
      new Set(),
    );
    expect(parsed).toEqual({
      ok: false,
      errors: ["文件 a.xlsx，工作表“账号”，第 1 行：缺少“姓名”列（表头应为 用户名、姓名、单位、角色）。"],
    });
  });
});

// Issue 19, item 3: the whole workbook was loaded in the web server (a 787 KB .xlsx of 1.5 M
// rows: 246 MB → 2.05 GB, every user stalled 28.6 s). It is streamed and stops at a row cap.
describe("bulk accounts: a file of too many rows", () => {
  async function measured(fileName: string, bytes: Uint8Array) {
    const users = await db.prisma.user.count();
    const before = process.memoryUsage().rss;
    let highest = before;
    const sampler = setInterval(() => (highest = Math.max(highest, process.memoryUsage().rss)), 5);
    const started = performance.now();
    const parsed = await parseBulkAccounts(fileName, bytes, units, await existing());
    const elapsed = performance.now() - started;
    clearInterval(sampler);
    expect(elapsed).toBeLessThan(5000);
    expect(Math.max(highest, process.memoryUsage().rss) - before).toBeLessThan(150 * 1024 * 1024);
    expect(await db.prisma.user.count()).toBe(users);
    return parsed;
  }

  it("an .xlsx of 1,500,000 rows (~70 MB unpacked) is refused before it is opened; memory and time bounded", async () => {
    const bytes = craftedWorkbook(manyRowsSheet(1_500_000), "账号");
    expect(bytes.length).toBeLessThan(8 * 1024 * 1024);
    expect(await measured("many.xlsx", bytes)).toEqual({
      ok: false,
      errors: [`文件 many.xlsx：解压后超过 ${MAX_BULK_UNPACKED_BYTES / 1024 / 1024} MB，不是账号文件，未读取。`],
    });
  }, 60_000);

  it("an .xlsx of 100,000 rows is streamed and refused at the row cap, naming it; nothing created", async () => {
    expect(await measured("rows.xlsx", craftedWorkbook(manyRowsSheet(100_000), "账号"))).toEqual({
      ok: false,
      errors: [
        `文件 rows.xlsx：一次最多创建 ${MAX_BULK_ROWS} 个账号，文件超过 ${MAX_BULK_READ_ROWS} 行，未读取其余部分。`,
      ],
    });
  }, 60_000);

  it("a .csv of too many rows, or with a stray quote, is refused naming the limit or the row", async () => {
    const many = new TextEncoder().encode(`用户名,姓名,单位,角色\n${"u,n,市公安局,\n".repeat(100_000)}`);
    expect(await parseBulkAccounts("many.csv", many, units, await existing())).toMatchObject({
      ok: false,
      errors: [expect.stringContaining(`一次最多创建 ${MAX_BULK_ROWS} 个账号`)],
    });
    const quote = new TextEncoder().encode(
      `用户名,姓名,单位,角色\n"u1,n,市公安局,\n${"u,n,市公安局,\n".repeat(200_000)}`,
    );
    expect(await parseBulkAccounts("quote.csv", quote, units, await existing())).toEqual({
      ok: false,
      errors: ["文件 quote.csv：第 2 行的引号没有闭合（超过 1,048,576 个字符仍未结束），文件可能已损坏。"],
    });
  });
});
