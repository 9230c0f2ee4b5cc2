import { ChartFigure } from "@/components/charts/chart-figure";
import { LazyLineChart } from "@/components/charts/lazy-charts";
import { BoardRows, type BoardRowTuple } from "@/components/supervision/board-rows";
import { BoardTable, boardRowHrefs } from "@/components/supervision/board-table";
import { CardDefinition } from "@/components/supervision/card-definition";
import Link from "@/components/ui/locale-link";
import { fill } from "@/lib/i18n/fill";
import { getPageMessages, pageLocale } from "@/lib/i18n/page-locale";
import {
  type BoardSort,
  type CardFilter,
  countByItem,
  countByUnit,
  filterQuery,
  type UnitCount,
} from "@/lib/supervision";
import { getCards, getCardTrend, getItemNames, getUnitDirectory } from "@/lib/supervision/server";

/** The items table shows the items with the most cards. */
const ITEM_ROWS = 50;

/**
 * 各单位预警统计: the counts of yellow and red cards per unit and per item, sorted (?sort=),
 * filtered by card (?level=) and item (?item=), with the month's daily trend; every count links
 * down to its cases on the 预警 page. Viewers of every unit only (its one audience): the same view
 * is the per-request page (app/[lang]/warnings/board, with a query) and the cached one of a day
 * (app/[lang]/warnings/board/view/[day], `day` given).
 */
export async function BoardView({
  filter,
  sort,
  day,
}: {
  filter: CardFilter;
  sort: BoardSort;
  /** The cards' day, for a cached page (its path names it); else the request's today. */
  day?: string;
}) {
  const messages = await getPageMessages();
  const locale = await pageLocale();
  const t = messages.supervision;
  const b = t.board;
  const [{ context, cards: all }, units, trend] = await Promise.all([
    getCards(undefined, day),
    getUnitDirectory(),
    getCardTrend(undefined, day),
  ]);
  const unit = filter.unit ? units.find((u) => u.code === filter.unit) : undefined;
  const cards = all.filter(
    (c) =>
      (!unit || c.unitId === unit.id) &&
      (!filter.item || c.itemCode === filter.item) &&
      (!filter.level || c.level === filter.level),
  );
  const order = new Map(units.map((u, i) => [u.id, i]));
  const byUnit = countByUnit(cards, sort, (id) => order.get(id) ?? 0);
  const byItemAll = countByItem(cards, sort);
  const byItem = byItemAll.slice(0, ITEM_ROWS);
  const names = await getItemNames(
    undefined,
    byItem.map((r) => r.itemCode),
  );
  const unitOf = (id: number) => units.find((u) => u.id === id);
  const unitName = (id: number) => {
    const u = unitOf(id);
    return (locale === "en" ? u?.nameEn : null) ?? u?.name ?? String(id);
  };
  /** A count row's tuple: its unit, its counts and their links down to the cases with the row's filter; an item's row adds the item. */
  const rowOf = (
    r: UnitCount,
    filterOf: (unitCode: string) => CardFilter,
    ...item: [] | [itemCode: string, itemName: string]
  ): BoardRowTuple => {
    const code = unitOf(r.unitId)?.code ?? "";
    const hrefs = boardRowHrefs(filterOf(code), levelFilter, locale);
    return [code, unitName(r.unitId), r.red, r.yellow, r.total, ...hrefs, ...item];
  };
  const sortLink = (s: BoardSort) => `/warnings/board${filterQuery(filter, s === "red" ? {} : { sort: s })}`;
  const levelFilter = filter.level ? { level: filter.level } : {};
  const itemFilter = filter.item ? { item: filter.item } : {};
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-bold text-slate-900">{b.title}</h1>
        <div className="flex gap-4 text-sm">
          <Link href="/warnings" className="text-brand-700 underline hover:no-underline">
            {t.warnings.listLink}
          </Link>
          <a
            href={`/api/warnings/board.csv${filterQuery({}, sort === "red" ? {} : { sort })}`}
            className="text-brand-700 underline"
          >
            {b.exportCsv}
          </a>
        </div>
      </div>
      <p className="text-sm text-slate-700">{fill(b.lead, { asOf: context.asOf })}</p>
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label={t.warnings.filters}>
        <label className="flex flex-col gap-1">
          <span>{t.warnings.levelFilter}</span>
          <select
            name="level"
            defaultValue={filter.level ?? ""}
            className="min-h-6 rounded border border-slate-300 px-2 py-1"
          >
            <option value="">{t.warnings.allLevels}</option>
            <option value="RED">{t.red}</option>
            <option value="YELLOW">{t.yellow}</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span>{t.warnings.itemFilter}</span>
          <input
            name="item"
            defaultValue={filter.item ?? ""}
            className="min-h-6 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        {sort !== "red" && <input type="hidden" name="sort" value={sort} />}
        <button type="submit" className="min-h-6 rounded bg-brand-600 px-3 py-1 text-white hover:bg-brand-700">
          {t.warnings.apply}
        </button>
        <Link href="/warnings/board" className="min-h-6 py-1 text-brand-700 underline">
          {t.warnings.clear}
        </Link>
      </form>
      <nav className="flex flex-wrap items-center gap-3 text-sm" aria-label={b.sortBy}>
        <span>{b.sortBy}:</span>
        {(["red", "yellow", "total"] as const).map((s) => (
          <Link
            key={s}
            href={sortLink(s)}
            aria-current={sort === s ? "true" : undefined}
            className={`min-h-6 py-0.5 ${sort === s ? "font-semibold text-slate-900" : "text-brand-700 underline"}`}
          >
            {s === "red" ? b.sortRed : s === "yellow" ? b.sortYellow : b.sortTotal}
          </Link>
        ))}
      </nav>

      <section aria-labelledby="by-unit" className="space-y-2">
        <h2 id="by-unit" className="font-semibold text-slate-900">
          {b.byUnit}
        </h2>
        {byUnit.length === 0 ? (
          <p className="text-sm text-slate-700">{b.noCards}</p>
        ) : (
          <BoardTable
            label={b.byUnit}
            testId="board-units"
            leading={[b.columns.unit]}
            counts={b.columns}
            locale={locale}
          >
            <BoardRows kind="unit" rows={byUnit.map((r) => rowOf(r, (code) => ({ unit: code, ...itemFilter })))} />
          </BoardTable>
        )}
      </section>

      <section aria-labelledby="by-item" className="space-y-2">
        <h2 id="by-item" className="font-semibold text-slate-900">
          {b.byItem}
        </h2>
        {byItemAll.length > ITEM_ROWS && (
          <p className="text-sm text-slate-600">{fill(b.itemsShown, { shown: ITEM_ROWS, total: byItemAll.length })}</p>
        )}
        {byItem.length > 0 && (
          <BoardTable
            label={b.byItem}
            testId="board-items"
            leading={[b.columns.item, b.columns.unit]}
            counts={b.columns}
            locale={locale}
          >
            <BoardRows
              kind="item"
              rows={byItem.map((r) =>
                rowOf(
                  r,
                  (code) => ({ unit: code, item: r.itemCode }),
                  r.itemCode,
                  names.get(`${r.unitId}:${r.itemCode}`) ?? "",
                ),
              )}
            />
          </BoardTable>
        )}
      </section>

      <ChartFigure
        title={b.trend}
        data={trend.map((p) => ({ label: p.day.slice(5), red: p.red, yellow: p.yellow }))}
        series={[
          { key: "red", label: t.red, color: "#b91c1c" },
          { key: "yellow", label: t.yellow, color: "#d97706" },
        ]}
        categoryLabel={b.columns.day}
        tableLabel={b.trendTable}
        testId="board-trend"
      >
        <LazyLineChart
          label={b.trend}
          data={trend.map((p) => ({ label: p.day.slice(5), red: p.red, yellow: p.yellow }))}
          series={[
            { key: "red", label: t.red, color: "#b91c1c" },
            { key: "yellow", label: t.yellow, color: "#d97706" },
          ]}
          height={240}
        />
        <p className="mt-2 text-xs text-slate-600">{b.trendNote}</p>
      </ChartFigure>
      <CardDefinition t={t.warnings} settings={context.settings} />
    </div>
  );
}
