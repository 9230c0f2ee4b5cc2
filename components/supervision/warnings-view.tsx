import { forbidden, notFound } from "next/navigation";
import { CardDefinition } from "@/components/supervision/card-definition";
import { cardRowTuple } from "@/components/supervision/card-rows";
import { CardTable } from "@/components/supervision/card-table";
import Link from "@/components/ui/locale-link";
import { Pager } from "@/components/ui/pager";
import { fill } from "@/lib/i18n/fill";
import { formatCount } from "@/lib/i18n/format";
import { getPageMessages, pageLocale } from "@/lib/i18n/page-locale";
import { nameLang } from "@/lib/i18n/punctuation";
import { getRedCardAnswerStates } from "@/lib/rectification/server";
import {
  CARD_PAGE_ROWS,
  CARD_SORT_KEYS,
  type Card,
  type CardFilter,
  type CardListView,
  type CardSortKey,
  cardListQuery,
  DEFAULT_CARD_LIST_VIEW,
  filterQuery,
} from "@/lib/supervision";
import { type CardAudience, cardsForAudience, countCards, getItemNames } from "@/lib/supervision/server";

/**
 * 预警: the yellow and red cards of the day. A unit's audience (its department users) sees its own
 * unit's, with the 回告 button (a filter naming another unit is refused); viewers of every unit see
 * every unit's, filterable by unit, item and card in the URL (the board's counts link here).
 * Drawn from the audience alone, never the viewer: the same view is the per-request page
 * (app/[lang]/warnings, with a query) and the cached one of an audience and day
 * (app/[lang]/warnings/view/[unit]/[day], `day` given). CARD_PAGE_ROWS rows a page, sorted over
 * all the cards on the server (?sort=, ?dir=, ?page=): 306 rows of 市公安局 in one page were
 * 217 kB, sent twice (HTML and RSC payload), most of it below the fold (issue 20's page weight).
 */
export async function WarningsView({
  audience,
  filter,
  view = DEFAULT_CARD_LIST_VIEW,
  day,
}: {
  audience: CardAudience;
  filter: CardFilter;
  /** The list's order and page (the cached page: the default, page 1). */
  view?: CardListView;
  /** The cards' day, for a cached page (its path names it); else the request's today. */
  day?: string;
}) {
  const scoped = await cardsForAudience(audience, filter, day);
  if (!scoped.ok) {
    if (scoped.reason === "forbidden") forbidden();
    notFound();
  }
  const messages = await getPageMessages();
  const locale = await pageLocale();
  const t = messages.supervision;
  const w = t.warnings;
  const everyUnit = audience.everyUnit;
  // Red cards' answers (回告) live with the rectification tasks; unanswered (or returned) red
  // cards come first, then the answered ones, then yellow, each in the cards' own order.
  const redCaseNos = scoped.cards.filter((c) => c.level === "RED").map((c) => c.caseNo);
  const answers = await getRedCardAnswerStates(redCaseNos, scoped.context.month);
  const answerOf = (c: (typeof scoped.cards)[number]) =>
    c.level === "RED"
      ? (() => {
          const found = answers.get(c.caseNo);
          return found ? { state: found.state, taskId: found.taskId } : { state: "unanswered" as const, taskId: null };
        })()
      : null;
  const rank = (c: (typeof scoped.cards)[number]) => {
    const a = answerOf(c);
    if (!a) return 2;
    return a.state === "unanswered" || a.state === "returned" ? 0 : 1;
  };
  const unitName = (id: number) => {
    const u = scoped.units.find((x) => x.id === id);
    return (locale === "en" ? u?.nameEn : null) ?? u?.name ?? String(id);
  };
  const byPriority = scoped.cards
    .map((c, i) => ({ c, i, r: rank(c) }))
    .sort((x, y) => x.r - y.r || x.i - y.i)
    .map(({ c }) => c);
  const ordered = view.sort === "default" ? byPriority : sortCards(byPriority, view, unitName);
  const pages = Math.max(1, Math.ceil(ordered.length / CARD_PAGE_ROWS));
  if (view.page > pages) notFound();
  const shown = ordered.slice((view.page - 1) * CARD_PAGE_ROWS, view.page * CARD_PAGE_ROWS);
  const names = await getItemNames(
    scoped.unit?.id,
    shown.map((c) => c.itemCode),
  );
  const rows = shown.map((c) =>
    cardRowTuple({
      caseNo: c.caseNo,
      level: c.level,
      unitName: everyUnit ? unitName(c.unitId) : null,
      itemCode: c.itemCode,
      itemName: names.get(`${c.unitId}:${c.itemCode}`) ?? null,
      caseKind: c.caseKind,
      acceptedAt: c.acceptedAt,
      promisedDays: c.promisedDays,
      usedDays: c.usedDays,
      answer: answerOf(c),
    }),
  );
  const counts = countCards(scoped.cards);
  const csvHref = `/api/warnings/cards.csv${filterQuery(filter)}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-bold text-slate-900">{w.title}</h1>
        {everyUnit && (
          <Link
            href="/warnings/board"
            className="inline-block min-h-6 py-0.5 text-brand-700 underline hover:no-underline"
          >
            {w.boardLink}
          </Link>
        )}
      </div>
      <p className="text-sm text-slate-700">
        {fill(w.lead, { asOf: scoped.context.asOf })}{" "}
        {everyUnit && !scoped.unit ? (
          w.allUnitsLead
        ) : (
          <>
            {w.ownUnitLead.split("{unit}")[0]}
            <span lang={scoped.unit?.nameEn && locale === "en" ? undefined : nameLang(locale)}>
              {scoped.unit ? unitName(scoped.unit.id) : ""}
            </span>
            {w.ownUnitLead.split("{unit}")[1]}
          </>
        )}
      </p>
      <p
        className="text-sm font-semibold text-slate-900"
        data-testid="card-summary"
        data-red={counts.red}
        data-yellow={counts.yellow}
      >
        {fill(w.summary, {
          red: formatCount(counts.red, { locale }),
          yellow: formatCount(counts.yellow, { locale }),
        })}
      </p>
      {everyUnit && (
        <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label={w.filters}>
          <label className="flex flex-col gap-1">
            <span>{w.unitFilter}</span>
            <select
              name="unit"
              defaultValue={filter.unit ?? ""}
              className="min-h-6 rounded border border-slate-300 px-2 py-1"
            >
              <option value="">{w.allUnits}</option>
              {scoped.units.map((u) => (
                <option key={u.code} value={u.code} lang={u.nameEn && locale === "en" ? undefined : nameLang(locale)}>
                  {(locale === "en" ? u.nameEn : null) ?? u.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span>{w.itemFilter}</span>
            <input
              name="item"
              defaultValue={filter.item ?? ""}
              className="min-h-6 rounded border border-slate-300 px-2 py-1"
              pattern="[0-9A-Za-z_.\-]{1,64}"
            />
          </label>
          <label className="flex flex-col gap-1">
            <span>{w.levelFilter}</span>
            <select
              name="level"
              defaultValue={filter.level ?? ""}
              className="min-h-6 rounded border border-slate-300 px-2 py-1"
            >
              <option value="">{w.allLevels}</option>
              <option value="RED">{t.red}</option>
              <option value="YELLOW">{t.yellow}</option>
            </select>
          </label>
          <button type="submit" className="min-h-6 rounded bg-brand-600 px-3 py-1 text-white hover:bg-brand-700">
            {w.apply}
          </button>
          <Link href="/warnings" className="min-h-6 py-1 text-brand-700 underline">
            {w.clear}
          </Link>
        </form>
      )}
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <a
          href={csvHref}
          className="inline-block min-h-6 py-0.5 text-brand-700 underline hover:no-underline"
          data-testid="cards-csv"
        >
          {w.exportCsv}
        </a>
        <span className="text-slate-600">{w.answerNote}</span>
      </div>
      {rows.length === 0 ? (
        <p className="rounded bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="cards-empty">
          {w.empty}
        </p>
      ) : (
        <CardTable
          rows={rows}
          month={scoped.context.month}
          t={{ red: t.red, yellow: t.yellow, warnings: w }}
          showUnit={everyUnit}
          locale={locale}
          canAnswer={!audience.everyUnit}
          sort={{ key: view.sort, asc: view.asc }}
          sortHrefs={sortHrefs(filter, view)}
        />
      )}
      {pages > 1 && (
        <p className="text-sm text-slate-600" data-testid="cards-shown">
          {fill(w.shownRows, {
            from: formatCount((view.page - 1) * CARD_PAGE_ROWS + 1, { locale }),
            to: formatCount((view.page - 1) * CARD_PAGE_ROWS + shown.length, { locale }),
            total: formatCount(ordered.length, { locale }),
          })}
        </p>
      )}
      <Pager
        page={view.page}
        pages={pages}
        href={(p) => `/warnings${cardListQuery(filter, { ...view, page: p })}`}
        t={messages.pager}
        locale={locale}
        testId="cards-pages"
      />
      <CardDefinition t={w} settings={scoped.context.settings} />
    </div>
  );
}

/** The cards in a column's order, ties kept in the page's own order (unanswered red first). */
function sortCards(cards: Card[], view: CardListView, unitName: (id: number) => string): Card[] {
  const { sort } = view;
  const value = (c: Card): string | number =>
    sort === "unitName" ? unitName(c.unitId) : sort === "default" ? 0 : c[sort];
  const f = view.asc ? 1 : -1;
  return cards
    .map((c, i) => ({ c, i, v: value(c) }))
    .sort((a, b) => {
      const by =
        typeof a.v === "number" && typeof b.v === "number"
          ? a.v - b.v
          : String(a.v).localeCompare(String(b.v), "zh-CN");
      return by * f || a.i - b.i;
    })
    .map(({ c }) => c);
}

/** Each column header's link: its order, ascending first, the other way when it is the order already; page 1. */
function sortHrefs(filter: CardFilter, view: CardListView): Record<CardSortKey, string> {
  return Object.fromEntries(
    CARD_SORT_KEYS.map((key) => [
      key,
      `/warnings${cardListQuery(filter, { sort: key, asc: view.sort === key ? !view.asc : true, page: 1 })}`,
    ]),
  ) as Record<CardSortKey, string>;
}
