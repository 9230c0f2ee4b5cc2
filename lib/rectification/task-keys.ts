// A task's identity: one task per unit, problem and month (PROBLEM), one per case and month
// (RED_CARD). The key is unique in the table, so opening a task twice finds the first.

/** The administration itself, for a problem that names no unit (a city-wide figure). */
export const CITY = "city";

export const problemTaskKey = (month: string, problemKind: string, unitCode: string | null) =>
  `PROBLEM:${month}:${problemKind}:${unitCode ?? CITY}`;

export const redCardTaskKey = (caseNo: string, month: string) => `RED_CARD:${caseNo}:${month}`;
