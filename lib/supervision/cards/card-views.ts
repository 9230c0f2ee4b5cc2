// What the 预警 pages and their CSV downloads show, from a list of cards (pure: tested without a
// database): the filters read from the URL, the counts per unit and per item, the sort orders,
// the rows as CSV.
import { toCsv } from "@/lib/export/csv";
import type { SupervisionMessages } from "@/lib/i18n/messages/supervision";
import type { Card, CardLevel } from "./card-sql";

export type CardFilter = { unit?: string; item?: string; level?: CardLevel };
export type BoardSort = "red" | "yellow" | "total";

type Query = Record<string, string | string[] | undefined>;
const one = (q: Query, key: string): string | undefined => {
  const v = q[key];
  return typeof v === "string" ? v : undefined;
};

/** The filters of a 预警 URL (?unit=d08&item=…&level=RED); anything malformed is left out. */
export function readCardFilter(query: Query): CardFilter {
  const unit = one(query, "unit");
  const item = one(query, "item");
  const level = one(query, "level");
  return {
    ...(unit && /^[a-z][0-9]{2,4}$/.test(unit) ? { unit } : {}),
    ...(item && /^[0-9A-Za-z_.-]{1,64}$/.test(item) ? { item } : {}),
    ...(level === "RED" || level === "YELLOW" ? { level } : {}),
  };
}

export function readBoardSort(query: Query): BoardSort {
  const sort = one(query, "sort");
  return sort === "yellow" || sort === "total" ? sort : "red";
}

/** The 预警 list's columns a reader may sort by; "default" is the page's own order (unanswered red first). */
export const CARD_SORT_KEYS = [
  "default",
  "caseNo",
  "unitName",
  "itemCode",
  "acceptedAt",
  "promisedDays",
  "usedDays",
  "daysLeft",
] as const;
export type CardSortKey = (typeof CARD_SORT_KEYS)[number];
/** Which page of the 预警 list, in which order (?sort=usedDays&dir=desc&page=2). */
export type CardListView = { sort: CardSortKey; asc: boolean; page: number };
export const DEFAULT_CARD_LIST_VIEW: CardListView = { sort: "default", asc: true, page: 1 };
/** Rows of the 预警 list per page; the CSV has them all. */
export const CARD_PAGE_ROWS = 50;

/** The order and page of a 预警 URL; anything malformed reads as the default. */
export function readCardListView(query: Query): CardListView {
  const sort = one(query, "sort");
  const page = one(query, "page");
  return {
    sort: (CARD_SORT_KEYS as readonly string[]).includes(sort ?? "") ? (sort as CardSortKey) : "default",
    asc: one(query, "dir") !== "desc",
    page: page && /^[1-9]\d{0,4}$/.test(page) ? Number(page) : 1,
  };
}

/** The query of a 预警 list URL: its filter, then its order and page where they are not the default. */
export function cardListQuery(filter: CardFilter, view: CardListView): string {
  return filterQuery(filter, {
    ...(view.sort === "default" ? {} : { sort: view.sort }),
    ...(view.asc || view.sort === "default" ? {} : { dir: "desc" }),
    ...(view.page === 1 ? {} : { page: String(view.page) }),
  });
}

/** The URL query of a filter (for links down to the cases and the CSV). */
export function filterQuery(filter: CardFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filter.unit) params.set("unit", filter.unit);
  if (filter.item) params.set("item", filter.item);
  if (filter.level) params.set("level", filter.level);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}

export function applyFilter(cards: readonly Card[], filter: Omit<CardFilter, "unit">): Card[] {
  return cards.filter(
    (c) => (!filter.item || c.itemCode === filter.item) && (!filter.level || c.level === filter.level),
  );
}

export type UnitCount = { unitId: number; red: number; yellow: number; total: number };
export type ItemCount = UnitCount & { itemCode: string };

function sorted<T extends UnitCount>(rows: T[], sort: BoardSort, tie: (a: T, b: T) => number): T[] {
  const key = (r: T) =>
    sort === "red" ? [r.red, r.total] : sort === "yellow" ? [r.yellow, r.total] : [r.total, r.red];
  return rows.sort((a, b) => {
    const [a1, a2] = key(a);
    const [b1, b2] = key(b);
    return b1! - a1! || b2! - a2! || tie(a, b);
  });
}

export function countByUnit(cards: readonly Card[], sort: BoardSort, order: (unitId: number) => number): UnitCount[] {
  const map = new Map<number, UnitCount>();
  for (const c of cards) {
    const row = map.get(c.unitId) ?? { unitId: c.unitId, red: 0, yellow: 0, total: 0 };
    if (c.level === "RED") row.red++;
    else row.yellow++;
    row.total++;
    map.set(c.unitId, row);
  }
  return sorted([...map.values()], sort, (a, b) => order(a.unitId) - order(b.unitId));
}

export function countByItem(cards: readonly Card[], sort: BoardSort): ItemCount[] {
  const map = new Map<string, ItemCount>();
  for (const c of cards) {
    const key = `${c.unitId}:${c.itemCode}`;
    const row = map.get(key) ?? { unitId: c.unitId, itemCode: c.itemCode, red: 0, yellow: 0, total: 0 };
    if (c.level === "RED") row.red++;
    else row.yellow++;
    row.total++;
    map.set(key, row);
  }
  return sorted([...map.values()], sort, (a, b) => a.unitId - b.unitId || a.itemCode.localeCompare(b.itemCode));
}

/** "剩余 2 个工作日" / "超期 3 个工作日". */
export function remainingText(card: Pick<Card, "daysLeft">, t: SupervisionMessages["warnings"]): string {
  return card.daysLeft < 0
    ? t.daysOver.replace("{n}", String(-card.daysLeft))
    : t.daysLeft.replace("{n}", String(card.daysLeft));
}

export function cardsCsv(
  cards: readonly Card[],
  t: SupervisionMessages,
  unitName: (unitId: number) => string,
  itemName: (unitId: number, itemCode: string) => string | undefined,
): string {
  const c = t.warnings.columns;
  return toCsv(
    [c.level, c.caseNo, c.unit, c.item, "", c.kind, c.acceptedAt, c.promisedDays, c.usedDays, c.remaining],
    cards.map((card) => [
      card.level === "RED" ? t.red : t.yellow,
      card.caseNo,
      unitName(card.unitId),
      card.itemCode,
      itemName(card.unitId, card.itemCode) ?? "",
      t.warnings.kinds[card.caseKind],
      card.acceptedAt,
      card.promisedDays,
      card.usedDays,
      card.daysLeft,
    ]),
  );
}

export function unitCountsCsv(
  rows: readonly UnitCount[],
  t: SupervisionMessages,
  unitName: (id: number) => string,
): string {
  const c = t.board.columns;
  return toCsv(
    [c.unit, c.red, c.yellow, c.total],
    rows.map((r) => [unitName(r.unitId), r.red, r.yellow, r.total]),
  );
}
