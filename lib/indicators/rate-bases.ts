// Which count an annex rate stands on, so that a rate whose base is 0 is shown as "no base"
// ("—") instead of the 0.00 the platform exports. Read off the 2021-06 annexes: every unit
// with 承诺件办结 0 prints 办理提速 and 提前办结 as 0.00 (市发展和改革委员会: 4 completions,
// none promised), and likewise the online rates with 线上承诺件办结 0. 承诺提速 compares
// promised with statutory time limits of the catalogue (printed with no promised case), and
// 覆盖率 is about the catalogue: neither has a case count as its base.
import { RATE_BASES } from "./annex-columns";
import type { AnnexField, CountField, StatRow } from "./types";

// The bases are the column table's (annex-columns.ts); exported here for the modules that read them.
export { RATE_BASES };

/**
 * How every surface prints a rate with no base: the dashboard, the bulletin's annexes (page,
 * .docx, .pdf) and the annex workbook print this mark, with a note under the table saying what
 * it means (lib/i18n readers.states.noBaseNote); a CSV export leaves the cell empty and says
 * why in its reason column.
 */
export const NO_BASE_MARK = "—";

/** The count the rate needed and did not have, or null when the rate has a base (or needs none). */
export function missingRateBase(row: Pick<StatRow, CountField>, field: AnnexField): CountField | null {
  const base = RATE_BASES[field];
  return base !== undefined && row[base] === 0 ? base : null;
}
