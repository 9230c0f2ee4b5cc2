// The board's count tables (BoardTable, below) and the three count cells (red, yellow, total) of a row, each linking down to its cases on
// the 预警 page with the row's filter; a zero is plain text. The same cells for a unit's row and an
// item's row (components/supervision/board-view.tsx). Server component. Plain links, styled by the
// table's one rule (.board-table in globals.css): a client link component per count cost the page
// its props and classes twice, in the HTML and in the RSC payload (~300 links a board).
import { localePath } from "@/lib/i18n/locale";
import type { Locale } from "@/lib/i18n/messages";
import { nameLang } from "@/lib/i18n/punctuation";
import { type CardFilter, filterQuery } from "@/lib/supervision";

function CountLink({ n, href, testId }: { n: number; href: string; testId: string | undefined }) {
  return n === 0 ? (
    "0"
  ) : (
    <a href={href} data-testid={testId}>
      {n}
    </a>
  );
}

export function BoardCountCells({
  counts,
  filter,
  levelFilter,
  locale,
  testIds = false,
}: {
  counts: { red: number; yellow: number; total: number };
  /** The row's filter (its unit, or its unit and item). */
  filter: CardFilter;
  /** The board's own card filter, kept on the total's link. */
  levelFilter: Pick<CardFilter, "level">;
  locale: Locale;
  /** The unit rows' test ids: cells `board-red`, `board-yellow`; links `board-red-link`, …. */
  testIds?: boolean;
}) {
  const href = (f: CardFilter) => localePath(locale, `/warnings${filterQuery(f)}`);
  const id = (name: string) => (testIds ? `board-${name}` : undefined);
  return (
    <>
      <td data-testid={id("red")}>
        <CountLink n={counts.red} href={href({ ...filter, level: "RED" })} testId={id("red-link")} />
      </td>
      <td data-testid={id("yellow")}>
        <CountLink n={counts.yellow} href={href({ ...filter, level: "YELLOW" })} testId={id("yellow-link")} />
      </td>
      <td>
        <CountLink n={counts.total} href={href({ ...filter, ...levelFilter })} testId={id("total-link")} />
      </td>
    </>
  );
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
