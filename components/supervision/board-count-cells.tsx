// The board's three count cells (red, yellow, total) of a row, each linking down to its cases on
// the 预警 page with the row's filter; a zero is plain text. The same cells for a unit's row and an
// item's row (app/[lang]/warnings/board/page.tsx). Server component.
import Link from "@/components/ui/locale-link";
import { type CardFilter, filterQuery } from "@/lib/supervision";

function CountLink({ n, filter, testId }: { n: number; filter: CardFilter; testId: string }) {
  return n === 0 ? (
    <span className="text-slate-500">0</span>
  ) : (
    <Link
      href={`/warnings${filterQuery(filter)}`}
      className="text-brand-700 underline hover:no-underline"
      data-testid={testId}
    >
      {n}
    </Link>
  );
}

export function BoardCountCells({
  counts,
  filter,
  levelFilter,
  prefix,
  cellTestIds = false,
}: {
  counts: { red: number; yellow: number; total: number };
  /** The row's filter (its unit, or its unit and item). */
  filter: CardFilter;
  /** The board's own card filter, kept on the total's link. */
  levelFilter: Pick<CardFilter, "level">;
  /** The links' test ids: `${prefix}-red-link`, … */
  prefix: "board" | "item";
  /** The cells' own test ids (`${prefix}-red`, `${prefix}-yellow`): the unit rows have them. */
  cellTestIds?: boolean;
}) {
  const cell = "px-2 py-1.5 text-right tabular-nums";
  return (
    <>
      <td className={cell} data-testid={cellTestIds ? `${prefix}-red` : undefined}>
        <CountLink n={counts.red} filter={{ ...filter, level: "RED" }} testId={`${prefix}-red-link`} />
      </td>
      <td className={cell} data-testid={cellTestIds ? `${prefix}-yellow` : undefined}>
        <CountLink n={counts.yellow} filter={{ ...filter, level: "YELLOW" }} testId={`${prefix}-yellow-link`} />
      </td>
      <td className={cell}>
        <CountLink n={counts.total} filter={{ ...filter, ...levelFilter }} testId={`${prefix}-total-link`} />
      </td>
    </>
  );
}
