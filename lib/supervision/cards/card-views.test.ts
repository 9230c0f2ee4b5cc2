// The 预警 pages' filters and counts, without a database.
import { describe, expect, it } from "vitest";
import type { Card } from "./card-sql";
import {
  applyFilter,
  cardListQuery,
  countByItem,
  countByUnit,
  DEFAULT_CARD_LIST_VIEW,
  filterQuery,
  readBoardSort,
  readCardFilter,
  readCardListView,
} from "./card-views";

const card = (caseNo: string, unitId: number, itemCode: string, level: Card["level"]): Card => ({
  caseNo,
  month: "2026-12",
  unitId,
  itemCode,
  caseKind: "PROMISED",
  acceptedAt: "2026-12-01 09:00:00",
  promisedDays: 3,
  usedDays: 4,
  daysLeft: -1,
  level,
});
const cards = [
  card("A", 1, "P1", "RED"),
  card("B", 1, "P2", "YELLOW"),
  card("C", 2, "P1", "RED"),
  card("D", 2, "P1", "RED"),
];

describe("the 预警 filters and counts", () => {
  it("reads only well-formed filters from the URL", () => {
    expect(readCardFilter({ unit: "d08", item: "P01", level: "RED" })).toEqual({
      unit: "d08",
      item: "P01",
      level: "RED",
    });
    expect(readCardFilter({ unit: "D08", item: "<x>", level: "red" })).toEqual({});
    expect(readCardFilter({ unit: ["d08", "x04"] })).toEqual({});
    expect(readBoardSort({ sort: "total" })).toBe("total");
    expect(readBoardSort({ sort: "x" })).toBe("red");
    expect(filterQuery({ unit: "d08", level: "RED" })).toBe("?unit=d08&level=RED");
  });

  it("filters by item and card", () => {
    expect(applyFilter(cards, { item: "P1", level: "RED" }).map((c) => c.caseNo)).toEqual(["A", "C", "D"]);
  });

  it("counts per unit and per item, sorted by the chosen card", () => {
    expect(countByUnit(cards, "red", (id) => id)).toEqual([
      { unitId: 2, red: 2, yellow: 0, total: 2 },
      { unitId: 1, red: 1, yellow: 1, total: 2 },
    ]);
    expect(countByUnit(cards, "yellow", (id) => id)[0]!.unitId).toBe(1);
    expect(countByItem(cards, "red")[0]).toEqual({ unitId: 2, itemCode: "P1", red: 2, yellow: 0, total: 2 });
  });
});

describe("the 预警 list's order and page (?sort=, ?dir=, ?page=)", () => {
  it("reads a column, a direction and a page; anything else is the default", () => {
    expect(readCardListView({})).toEqual(DEFAULT_CARD_LIST_VIEW);
    expect(readCardListView({ sort: "usedDays", dir: "desc", page: "3" })).toEqual({
      sort: "usedDays",
      asc: false,
      page: 3,
    });
    for (const page of ["0", "-1", "1.5", "02", "999999", "x", ""])
      expect(readCardListView({ page }).page, page).toBe(1);
    expect(readCardListView({ sort: "__proto__" }).sort).toBe("default");
    expect(readCardListView({ sort: ["caseNo", "usedDays"] }).sort).toBe("default");
  });

  it("writes the filter first, then only what is not the default; the default page is the bare URL", () => {
    expect(cardListQuery({}, DEFAULT_CARD_LIST_VIEW)).toBe("");
    expect(cardListQuery({ unit: "d08", level: "RED" }, { sort: "daysLeft", asc: false, page: 2 })).toBe(
      "?unit=d08&level=RED&sort=daysLeft&dir=desc&page=2",
    );
    expect(cardListQuery({}, { sort: "default", asc: false, page: 1 })).toBe("");
    const view = { sort: "acceptedAt", asc: true, page: 4 } as const;
    expect(readCardListView(Object.fromEntries(new URLSearchParams(cardListQuery({}, view))))).toEqual(view);
  });
});
