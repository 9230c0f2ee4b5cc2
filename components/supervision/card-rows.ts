// The 预警 table's rows as the page sends them to the client table (components/supervision/card-table.tsx).
// Its props travel once more in the RSC payload, once per row (306 rows for 市公安局): an object
// would repeat its eleven keys in each, so a row is a tuple, read back into a CardRow by the table.
// What every row shares (the month) is a prop of the table; the days left are promise − used
// (lib/supervision/cards/card-sql.ts), worked out again in the browser.
import type { RedCardAnswerState } from "./red-card-answer";

export type CardRow = {
  caseNo: string;
  level: "RED" | "YELLOW";
  /** Only when the table shows the unit column. */
  unitName: string | null;
  itemCode: string;
  itemName: string | null;
  caseKind: "INSTANT" | "PROMISED";
  acceptedAt: string;
  promisedDays: number;
  usedDays: number;
  daysLeft: number;
  /** A red card's answer (回告); null for a yellow card. */
  answer: RedCardAnswerState | null;
};

export type CardRowTuple = [
  caseNo: string,
  level: CardRow["level"],
  itemCode: string,
  itemName: string | null,
  caseKind: CardRow["caseKind"],
  acceptedAt: string,
  promisedDays: number,
  usedDays: number,
  /** A red card's answer state and its task; null, null for a yellow card. */
  answerState: RedCardAnswerState["state"] | null,
  taskId: number | null,
  /** Only when the table shows the unit column. */
  unitName?: string,
];

export function cardRowTuple(r: Omit<CardRow, "daysLeft">): CardRowTuple {
  const row: CardRowTuple = [
    r.caseNo,
    r.level,
    r.itemCode,
    r.itemName,
    r.caseKind,
    r.acceptedAt,
    r.promisedDays,
    r.usedDays,
    r.answer?.state ?? null,
    r.answer?.taskId ?? null,
  ];
  if (r.unitName !== null) row.push(r.unitName);
  return row;
}

export function cardRowOf([
  caseNo,
  level,
  itemCode,
  itemName,
  caseKind,
  acceptedAt,
  promisedDays,
  usedDays,
  answerState,
  taskId,
  unitName,
]: CardRowTuple): CardRow {
  return {
    caseNo,
    level,
    unitName: unitName ?? null,
    itemCode,
    itemName,
    caseKind,
    acceptedAt,
    promisedDays,
    usedDays,
    daysLeft: promisedDays - usedDays,
    answer: answerState ? { state: answerState, taskId } : null,
  };
}
