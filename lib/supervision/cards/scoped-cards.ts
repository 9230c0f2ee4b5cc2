import "server-only";
// The cards a viewer asked for with a filter, limited to what the viewer may see: a department
// user gets its own unit only (a filter naming another unit is refused, never widened or
// narrowed silently); a viewer of every unit gets every unit or the unit it filtered on.
import { canViewAllCards, type Viewer } from "@/lib/access";
import type { CardContext } from "./card-reads";
import { getCards, getUnitDirectory, type UnitEntry } from "./card-reads";
import type { Card } from "./card-sql";
import { applyFilter, type CardFilter } from "./card-views";

export type ScopedCards =
  | { ok: true; context: CardContext; cards: Card[]; all: Card[]; unit: UnitEntry | null; units: UnitEntry[] }
  | { ok: false; reason: "forbidden" | "unknownUnit" };

export async function cardsForViewer(viewer: Viewer, filter: CardFilter): Promise<ScopedCards> {
  const units = await getUnitDirectory();
  const everyUnit = canViewAllCards(viewer);
  let unit: UnitEntry | null = null;
  if (!everyUnit) {
    if (!viewer.unitCode || (filter.unit !== undefined && filter.unit !== viewer.unitCode)) {
      return { ok: false, reason: "forbidden" };
    }
    unit = units.find((u) => u.code === viewer.unitCode) ?? null;
    if (!unit) return { ok: false, reason: "forbidden" };
  } else if (filter.unit !== undefined) {
    unit = units.find((u) => u.code === filter.unit) ?? null;
    if (!unit) return { ok: false, reason: "unknownUnit" };
  }
  const { context, cards: all } = await getCards(unit?.id);
  return { ok: true, context, all, cards: applyFilter(all, filter), unit, units };
}
