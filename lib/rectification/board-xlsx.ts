// The board as an XLSX file (lib/export): one row per task, the columns of the page, every text
// cell neutralised against formula injection.
import ExcelJS from "exceljs";
import { neutraliseWorkbook } from "@/lib/export/xlsx";
import type { Messages } from "@/lib/i18n/zh-CN";
import type { TaskRow } from "./read-tasks";

export async function boardXlsx(rows: readonly TaskRow[], t: Messages["rectification"]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t.exportSheet);
  const c = t.columns;
  sheet.columns = [
    { header: c.task, key: "id", width: 8 },
    { header: c.month, key: "month", width: 10 },
    { header: c.unit, key: "unit", width: 28 },
    { header: c.problem, key: "problem", width: 24 },
    { header: c.figure, key: "figure", width: 18 },
    { header: c.edition, key: "edition", width: 8 },
    { header: c.due, key: "due", width: 12 },
    { header: c.status, key: "status", width: 10 },
    { header: c.flags, key: "flags", width: 22 },
    { header: c.answers, key: "answers", width: 10 },
  ];
  for (const row of rows)
    sheet.addRow({
      id: row.id,
      month: row.month,
      unit: row.unitName ?? t.administration,
      problem: taskSubject(row, t),
      figure: row.figure ?? "",
      edition: row.edition ?? "",
      due: row.dueDate,
      status: t.statuses[row.status],
      flags: taskFlags(row, t).join(" "),
      answers: row.answers,
    });
  sheet.getRow(1).font = { bold: true };
  return new Uint8Array(await neutraliseWorkbook(workbook).xlsx.writeBuffer());
}

/** What the task is about: the problem's name, or the red card's case number. */
export function taskSubject(
  row: Pick<TaskRow, "kind" | "problemKind" | "caseNo">,
  t: Messages["rectification"],
): string {
  if (row.kind === "RED_CARD") return `${t.kinds.RED_CARD} ${row.caseNo ?? ""}`.trim();
  return (t.problems as Record<string, string>)[row.problemKind ?? ""] ?? row.problemKind ?? "";
}

export function taskFlags(
  row: Pick<TaskRow, "overdueUnanswered" | "consecutiveMonths">,
  t: Messages["rectification"],
): string[] {
  const flags: string[] = [];
  if (row.overdueUnanswered) flags.push(t.flags.overdueUnanswered);
  if (row.consecutiveMonths >= 2) flags.push(t.flags.consecutiveMonths.replace("{n}", String(row.consecutiveMonths)));
  return flags;
}
