// The board's count tables (BoardTable, below), and the links of a row's three counts (red, yellow,
// total), each down to its cases on the 预警 page with the row's filter; the rows themselves are
// drawn from tuples (./board-rows.tsx). Server component. Plain links, styled by the table's one
// rule (.board-table in globals.css): a client link component per count cost the page its props
// and classes twice, in the HTML and in the RSC payload (~300 links a board).
import { localePath } from "@/lib/i18n/locale";
import type { Locale } from "@/lib/i18n/messages";
import { nameLang } from "@/lib/i18n/punctuation";
import { type CardFilter, filterQuery } from "@/lib/supervision";

/** A row's three links down to its cases on the 预警 page: its red, its yellow, and all of it (with the board's card filter). */
export function boardRowHrefs(
  filter: CardFilter,
  levelFilter: Pick<CardFilter, "level">,
  locale: Locale,
): [red: string, yellow: string, total: string] {
  const href = (f: CardFilter) => localePath(locale, `/warnings${filterQuery(f)}`);
  return [href({ ...filter, level: "RED" }), href({ ...filter, level: "YELLOW" }), href({ ...filter, ...levelFilter })];
}

/**
 * One of the board's count tables (per unit, per item): a scrolling region named `label`, the
 * row-naming columns `leading`, then the three counts; `children` are its rows (BoardCountCells).
 */
export function BoardTable({
  label,
  testId,
  leading,
  counts,
  locale,
  children,
}: {
  label: string;
  testId: string;
  leading: readonly string[];
  counts: { red: string; yellow: string; total: string };
  locale: Locale;
  children: React.ReactNode;
}) {
  return (
    <section className="overflow-x-auto rounded-lg border border-slate-200 bg-white" tabIndex={0} aria-label={label}>
      <table className="board-table" data-testid={testId}>
        <thead>
          <tr>
            {[...leading, counts.red, counts.yellow, counts.total].map((heading) => (
              <th key={heading} scope="col">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody lang={nameLang(locale)}>{children}</tbody>
      </table>
    </section>
  );
}
