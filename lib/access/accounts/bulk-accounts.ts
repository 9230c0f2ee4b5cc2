// Department accounts created in bulk from a spreadsheet (.xlsx or .csv, one account a
// row: 用户名, 姓名, 单位, 角色). Every row is checked first; a file with any error creates
// nothing and says where (file, sheet, row, column). Each account gets a one-time initial
// password, returned once to show the admin, and must change it at first sign-in.
import { randomInt } from "node:crypto";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import yauzl from "yauzl";
import { rememberPassword } from "@/lib/access/accounts/password-history";
import { displayNameSchema, unitMatchesRole, usernameSchema } from "@/lib/access/accounts/user-input";
import { brokenPasswordRule } from "@/lib/access/password-rules";
import { hashPassword } from "@/lib/access/passwords";
import type { Role } from "@/lib/access/permissions";
import { recordAuditEvent } from "@/lib/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { CsvLimitError, readCsv } from "@/lib/spreadsheet/csv";
import { MAX_BULK_ROWS } from "./bulk-limits";

export const BULK_COLUMNS = ["username", "name", "unit", "role"] as const;
type BulkColumn = (typeof BULK_COLUMNS)[number];

/** Header texts recognised for each column (Chinese first, as the template writes them). */
const HEADERS: Record<BulkColumn, readonly string[]> = {
  username: ["用户名", "账号", "username"],
  name: ["姓名", "名称", "姓名/名称", "name", "displayname"],
  unit: ["单位", "所属单位", "unit"],
  role: ["角色", "role"],
};
export const COLUMN_LABELS: Record<BulkColumn, string> = {
  username: "用户名",
  name: "姓名",
  unit: "单位",
  role: "角色",
};

// A Map, not an object: a role written `constructor` or `__proto__` is an unknown word, not a
// property of Object.prototype (which gave a 500).
const ROLE_WORDS: ReadonlyMap<string, Role> = new Map([
  ["", "DEPARTMENT"],
  ["部门/地区用户", "DEPARTMENT"],
  ["部门", "DEPARTMENT"],
  ["地区", "DEPARTMENT"],
  ["department", "DEPARTMENT"],
  ["领导", "OFFICIAL"],
  ["official", "OFFICIAL"],
  ["系统管理员", "SYSTEM_ADMIN"],
  ["管理员", "SYSTEM_ADMIN"],
  ["admin", "SYSTEM_ADMIN"],
]);

export { MAX_BULK_ROWS };

export type BulkAccount = {
  row: number;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  unitName: string | null;
};
export type BulkParseResult = { ok: true; accounts: BulkAccount[] } | { ok: false; errors: string[] };

type Sheet = { sheetName: string | null; records: string[][] };

/**
 * Rows read at most before a file is refused for holding more accounts than MAX_BULK_ROWS (the
 * header, the accounts, and room for blank rows between them): reading stops there, so a file of
 * a million rows costs what a file of this many does (issue 19, item 3: a 787 KB .xlsx of 1.5 M
 * rows, loaded whole, took the server from 246 MB to 2.05 GB and stalled it for 28.6 s).
 */
export const MAX_BULK_READ_ROWS = MAX_BULK_ROWS * 4;

/** The file held more rows than one upload may: refused without reading further. */
class TooManyRowsError extends Error {}

/**
 * The most an .xlsx may unpack to, as its ZIP directory declares (checked before it is opened):
 * 2,000 rows of four short cells are well under 1 MB of XML; a file of 960 KB could otherwise
 * inflate to ~1 GB (deflate's ratio is up to ~1,000:1). A directory that lies is still bounded
 * by the row cap for the sheet, not for shared strings; the annex upload caps the bytes
 * actually inflated (lib/annex-upload/parse/zip.ts), which a file this small has not needed.
 */
export const MAX_BULK_UNPACKED_BYTES = 20 * 1024 * 1024;

class TooLargeUnpackedError extends Error {}

/** The uncompressed sizes the archive's directory declares, summed. */
function declaredUnpackedSize(bytes: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      let total = 0;
      zip.on("entry", (entry: yauzl.Entry) => {
        total += entry.uncompressedSize;
        zip.readEntry();
      });
      zip.on("end", () => resolve(total));
      zip.on("error", reject);
      zip.readEntry();
    }),
  );
}

/** A cell's text as the sheet shows it (rich text joined, a formula's cached result). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as { text?: unknown; result?: unknown; richText?: Array<{ text: string }> };
    if (v.richText) return v.richText.map((r) => r.text).join("");
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return String(v.text);
  }
  return String(value);
}

/**
 * The first sheet's rows, streamed (exceljs's WorkbookReader, as the case import reads): never
 * the whole workbook in memory, and no more than MAX_BULK_READ_ROWS rows read.
 */
async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  if ((await declaredUnpackedSize(bytes)) > MAX_BULK_UNPACKED_BYTES) throw new TooLargeUnpackedError();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  });
  const records: string[][] = [];
  for await (const sheetReader of reader) {
    const sheetName = (sheetReader as unknown as { name?: string }).name ?? null;
    for await (const row of sheetReader) {
      if (row.number > MAX_BULK_READ_ROWS) throw new TooManyRowsError();
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let c = 1; c <= Math.max(values.length - 1, 4); c += 1) cells.push(cellText(values[c]));
      records[row.number - 1] = cells;
    }
    return { sheetName, records: Array.from(records, (r) => r ?? []) };
  }
  return { sheetName: null, records: [] };
}

async function readSheet(fileName: string, bytes: Uint8Array): Promise<Sheet> {
  if (/\.xlsx$/i.test(fileName)) return readXlsx(bytes);
  const { records, truncated } = readCsv(bytes, { maxRecords: MAX_BULK_READ_ROWS });
  if (truncated) throw new TooManyRowsError();
  return { sheetName: null, records };
}

/** Reads and checks every row; unit by name or code among `units`; usernames taken in `existing` are refused. */
export async function parseBulkAccounts(
  fileName: string,
  bytes: Uint8Array,
  units: ReadonlyArray<{ code: string; name: string }>,
  existing: ReadonlySet<string>,
): Promise<BulkParseResult> {
  if (!/\.(xlsx|csv)$/i.test(fileName)) return { ok: false, errors: [`文件 ${fileName}：应为 .xlsx 或 .csv 文件。`] };
  let sheet: Sheet;
  try {
    sheet = await readSheet(fileName, bytes);
  } catch (error) {
    if (error instanceof TooManyRowsError)
      return {
        ok: false,
        errors: [
          `文件 ${fileName}：一次最多创建 ${MAX_BULK_ROWS} 个账号，文件超过 ${MAX_BULK_READ_ROWS} 行，未读取其余部分。`,
        ],
      };
    if (error instanceof TooLargeUnpackedError)
      return {
        ok: false,
        errors: [`文件 ${fileName}：解压后超过 ${MAX_BULK_UNPACKED_BYTES / 1024 / 1024} MB，不是账号文件，未读取。`],
      };
    if (error instanceof CsvLimitError)
      return { ok: false, errors: [`文件 ${fileName}：${error.message}，文件可能已损坏。`] };
    return { ok: false, errors: [`文件 ${fileName}：无法读取，请确认是有效的 .xlsx 或 .csv 文件。`] };
  }
  const where = (row: number, column?: BulkColumn) =>
    `文件 ${fileName}${sheet.sheetName ? `，工作表“${sheet.sheetName}”` : ""}，第 ${row} 行${column ? `，“${COLUMN_LABELS[column]}”列` : ""}`;

  const header = (sheet.records[0] ?? []).map((h) => h.trim().toLowerCase());
  const index = {} as Record<BulkColumn, number>;
  const errors: string[] = [];
  for (const column of BULK_COLUMNS) {
    const names = HEADERS[column].map((name) => name.toLowerCase());
    const at = header.findIndex((h) => names.includes(h));
    if (at < 0 && column !== "role")
      errors.push(`${where(1)}：缺少“${COLUMN_LABELS[column]}”列（表头应为 用户名、姓名、单位、角色）。`);
    index[column] = at;
  }
  if (errors.length) return { ok: false, errors };

  const byName = new Map(units.flatMap((u) => [[u.name, u] as const, [u.code, u] as const]));
  const seen = new Map<string, number>();
  const accounts: BulkAccount[] = [];
  sheet.records.slice(1).forEach((record, i) => {
    const row = i + 2;
    const cell = (column: BulkColumn) => (index[column] >= 0 ? (record[index[column]] ?? "").trim() : "");
    if (BULK_COLUMNS.every((c) => cell(c) === "")) return;
    const username = usernameSchema.safeParse(cell("username").toLowerCase());
    if (!username.success)
      errors.push(`${where(row, "username")}：“${cell("username")}”无效，${username.error.issues[0]?.message ?? ""}。`);
    else if (existing.has(username.data)) errors.push(`${where(row, "username")}：用户名 ${username.data} 已存在。`);
    else if (seen.has(username.data))
      errors.push(`${where(row, "username")}：用户名 ${username.data} 与第 ${seen.get(username.data)} 行重复。`);
    else seen.set(username.data, row);
    const name = displayNameSchema.safeParse(cell("name"));
    if (!name.success) errors.push(`${where(row, "name")}：${name.error.issues[0]?.message ?? "无效"}。`);
    const roleText = cell("role");
    const role = ROLE_WORDS.get(roleText) ?? ROLE_WORDS.get(roleText.toLowerCase());
    if (!role) errors.push(`${where(row, "role")}：“${roleText}”无法识别，应为 部门/地区用户、领导 或 管理员。`);
    const unitText = cell("unit");
    const unit = unitText ? byName.get(unitText) : undefined;
    if (unitText && !unit)
      errors.push(`${where(row, "unit")}：单位“${unitText}”不在单位名录中，应填写单位全称（如 市公安局）或代码。`);
    else if (role && !unitMatchesRole(role, unit?.code))
      errors.push(`${where(row, "unit")}：部门/地区用户须填写所属单位；领导和管理员不填单位。`);
    if (username.success && name.success && role && (unit || !unitText)) {
      accounts.push({
        row,
        username: username.data,
        displayName: name.data,
        role,
        unitCode: unit?.code ?? null,
        unitName: unit?.name ?? null,
      });
    }
  });
  if (accounts.length === 0 && errors.length === 0) errors.push(`${where(2)}：文件中没有账号（表头下应至少有一行）。`);
  if (accounts.length + errors.length > MAX_BULK_ROWS)
    return { ok: false, errors: [`文件 ${fileName}：一次最多创建 ${MAX_BULK_ROWS} 个账号。`] };
  return errors.length ? { ok: false, errors } : { ok: true, accounts };
}

// No 0/O, 1/l/I: an initial password is read off a screen and typed by someone else.
const PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export function initialPassword(length = 12, username: string | null = null): string {
  // Drawn again until it keeps the password rules (3 of 4 classes, not containing the username):
  // a 12-character draw misses a class about 1 time in 30.
  for (;;) {
    const password = Array.from({ length }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join("");
    if (brokenPasswordRule(password, username) === null) return password;
  }
}

export type CreatedAccount = BulkAccount & { password: string };

/** Creates every account in one transaction (all or none), each audited, plus one bulk event. */
export async function createBulkAccounts(
  db: PrismaClient,
  accounts: readonly BulkAccount[],
  actorId: number,
  fileName: string,
): Promise<CreatedAccount[]> {
  const withPasswords = await Promise.all(
    accounts.map(async (account) => {
      const password = initialPassword(12, account.username);
      return { ...account, password, passwordHash: await hashPassword(password) };
    }),
  );
  const units = new Map((await db.unit.findMany({ select: { id: true, code: true } })).map((u) => [u.code, u.id]));
  await db.$transaction(async (tx) => {
    for (const account of withPasswords) {
      const user = await tx.user.create({
        data: {
          username: account.username,
          displayName: account.displayName,
          passwordHash: account.passwordHash,
          role: account.role,
          unitId: account.unitCode ? (units.get(account.unitCode) ?? null) : null,
          mustChangePassword: true,
        },
      });
      await rememberPassword(tx, user.id, account.passwordHash);
      await recordAuditEvent(tx, {
        actorId,
        action: "user.create",
        targetType: "User",
        targetId: String(user.id),
        details: { username: user.username, role: user.role, unitCode: account.unitCode, bulk: true },
      });
    }
    await recordAuditEvent(tx, {
      actorId,
      action: "user.bulkCreate",
      details: { count: withPasswords.length, fileName },
    });
  });
  return withPasswords.map(({ passwordHash: _hash, ...account }) => account);
}
