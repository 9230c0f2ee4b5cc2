// What can be wrong with case-record files, each named with file, sheet, row and column, in
// Chinese first. A file of a million rows can have a million problems: the report keeps a count
// per kind and the first rows of each; every row problem also goes to `onRowProblem` (the
// import writes them to a CSV the admin can download).
export const CASE_PROBLEM_CODES = {
  // files
  UNSUPPORTED_FORMAT: { severity: "error", zh: "文件格式不支持" },
  UNREADABLE_FILE: { severity: "error", zh: "文件无法读取" },
  NO_HEADER: { severity: "error", zh: "找不到表头" },
  UNKNOWN_FILE_KIND: { severity: "error", zh: "无法判断文件类型" },
  MISSING_COLUMN: { severity: "error", zh: "缺少必需的列" },
  DUPLICATE_COLUMN: { severity: "error", zh: "列重复" },
  NO_CASES_FILE: { severity: "error", zh: "没有办件明细文件" },
  NO_CATALOGUE_FILE: { severity: "warning", zh: "没有实施清单文件" },
  NO_EVALUATIONS_FILE: { severity: "warning", zh: "没有好差评文件" },
  PERSONAL_DATA_DROPPED: { severity: "warning", zh: "个人信息列已丢弃" },
  UNKNOWN_COLUMN: { severity: "warning", zh: "未识别的列（已忽略）" },
  // rows
  MISSING_VALUE: { severity: "error", zh: "必填项为空" },
  BROKEN_ENCODING: { severity: "error", zh: "编码错误（乱码）" },
  INVALID_TIME: { severity: "error", zh: "时间格式错误" },
  INVALID_DAYS: { severity: "error", zh: "时限不是非负整数" },
  INVALID_VALUE: { severity: "error", zh: "取值不在允许范围内" },
  COMPLETED_BEFORE_ACCEPTED: { severity: "error", zh: "办结时间早于受理时间" },
  ACCEPTED_BEFORE_APPLIED: { severity: "error", zh: "受理时间早于申请时间" },
  COMPLETED_WITHOUT_ACCEPTED: { severity: "error", zh: "有办结时间但无受理时间" },
  OUTSIDE_MONTH: { severity: "error", zh: "时间不在导入月份内" },
  OUTSIDE_CALENDAR: { severity: "error", zh: "日期超出工作日历范围" },
  DUPLICATE_CASE_NO: { severity: "error", zh: "办件编号重复" },
  DUPLICATE_EVALUATION_NO: { severity: "error", zh: "评价编号重复" },
  DUPLICATE_ITEM: { severity: "error", zh: "实施清单事项重复" },
  UNKNOWN_UNIT: { severity: "error", zh: "未知的实施主体" },
  PROMISED_WITHOUT_DAYS: { severity: "error", zh: "承诺件缺少时限" },
  UNKNOWN_ITEM_CODE: { severity: "warning", zh: "事项编码不在实施清单中" },
} as const;

export type CaseProblemCode = keyof typeof CASE_PROBLEM_CODES;
export type Severity = "error" | "warning";

export type CaseProblem = {
  code: CaseProblemCode;
  severity: Severity;
  /** One complete Chinese sentence: 文件、工作表、第N行、列, what was found, what was expected. */
  message: string;
  file: string;
  sheet?: string;
  row?: number;
  /** The column's header as written, and its letter (A, B, …). */
  column?: { label: string; letter: string };
  found?: string;
};

/**
 * A string's own copy. Cell texts are slices of the decoded chunk they came from and keep the
 * whole chunk alive while they live: whatever outlives its row (kept problems, item names)
 * takes a copy.
 */
export function ownCopy(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}

export type ProblemSummary = {
  code: CaseProblemCode;
  severity: Severity;
  title: string;
  count: number;
  first: CaseProblem[];
};

export const FIRST_ROWS_KEPT = 20;

/** Counts per kind, the first rows of each; every row problem is passed on. */
export class ProblemCollector {
  private readonly byCode = new Map<CaseProblemCode, ProblemSummary>();
  errorCount = 0;
  warningCount = 0;

  constructor(private readonly onRowProblem: (problem: CaseProblem) => void = () => {}) {}

  add(problem: Omit<CaseProblem, "severity">): void {
    const severity = CASE_PROBLEM_CODES[problem.code].severity;
    const full: CaseProblem = { ...problem, severity };
    let summary = this.byCode.get(problem.code);
    if (!summary) {
      summary = { code: problem.code, severity, title: CASE_PROBLEM_CODES[problem.code].zh, count: 0, first: [] };
      this.byCode.set(problem.code, summary);
    }
    summary.count++;
    if (summary.first.length < FIRST_ROWS_KEPT) {
      summary.first.push({
        ...full,
        message: ownCopy(full.message),
        found: full.found === undefined ? undefined : ownCopy(full.found),
        column: full.column && { label: ownCopy(full.column.label), letter: full.column.letter },
      });
    }
    if (severity === "error") this.errorCount++;
    else this.warningCount++;
    if (full.row !== undefined) this.onRowProblem(full);
  }

  count(code: CaseProblemCode): number {
    return this.byCode.get(code)?.count ?? 0;
  }

  summaries(): ProblemSummary[] {
    return [...this.byCode.values()].sort((a, b) =>
      a.severity === b.severity ? b.count - a.count : a.severity === "error" ? -1 : 1,
    );
  }
}

/** 文件“x”，工作表“s”，第 N 行，“列”列（C 列）: the location prefix of a message. */
export function locate(p: {
  file: string;
  sheet?: string;
  row?: number;
  column?: { label: string; letter: string };
}): string {
  const parts = [`文件“${p.file}”`];
  if (p.sheet) parts.push(`工作表“${p.sheet}”`);
  if (p.row !== undefined) parts.push(`第 ${p.row} 行`);
  if (p.column) parts.push(`“${p.column.label}”列（${p.column.letter} 列）`);
  return parts.join("，");
}

/** One CSV line of a row problem (for the downloadable list of all row errors). */
export const ROW_PROBLEM_CSV_HEADER = "文件,工作表,行,列,问题,严重程度,发现的值,说明\n";
export function rowProblemCsvLine(p: CaseProblem): string {
  const q = (s: string | number | undefined) => {
    const text = s === undefined ? "" : String(s);
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `${[
    q(p.file),
    q(p.sheet),
    q(p.row),
    q(p.column ? `${p.column.label}（${p.column.letter}）` : ""),
    q(CASE_PROBLEM_CODES[p.code].zh),
    q(p.severity === "error" ? "错误" : "警告"),
    q(p.found),
    q(p.message),
  ].join(",")}\n`;
}
