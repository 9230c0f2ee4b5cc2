import { describe, expect, it } from "vitest";
import { type CardRow, cardRowOf, cardRowTuple } from "./card-rows";

const red: CardRow = {
  caseNo: "C-1",
  level: "RED",
  unitName: null,
  itemCode: "P01",
  itemName: "户籍迁移",
  caseKind: "PROMISED",
  acceptedAt: "2026-12-01 09:00:00",
  promisedDays: 3,
  usedDays: 5,
  daysLeft: -2,
  answer: { state: "answered", taskId: 7 },
};
const yellow: CardRow = { ...red, caseNo: "C-2", level: "YELLOW", usedDays: 2, daysLeft: 1, answer: null };

describe("the 预警 table's rows as sent", () => {
  it("read back as they were, the days left worked out again", () => {
    for (const row of [red, yellow, { ...red, unitName: "市公安局", itemName: null }])
      expect(cardRowOf(cardRowTuple(row))).toEqual(row);
  });

  it("carry no unit unless the table shows the unit column, and no keys", () => {
    expect(cardRowTuple(yellow)).toEqual([
      "C-2",
      "YELLOW",
      "P01",
      "户籍迁移",
      "PROMISED",
      "2026-12-01 09:00:00",
      3,
      2,
      null,
      null,
    ]);
    expect(cardRowTuple({ ...red, unitName: "市公安局" })).toHaveLength(11);
  });
});
