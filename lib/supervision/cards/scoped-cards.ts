import "server-only";
// The cards asked for with a filter, limited to what the audience may see: a department user's
// audience is its own unit only (a filter naming another unit is refused, never widened or
// narrowed silently); viewers of every unit get every unit or the unit they filtered on. The
// audience is all a 预警 page depends on: the cached versions are one per audience and day
// (lib/access/permissions.ts pageForViewer decides which a viewer gets, from the same rule).
import { canViewAllCards, type Viewer } from "@/lib/access";
import type { CardContext } from "./card-reads";
import { getCards, getUnitDirectory, type UnitEntry } from "./card-reads";
import type { Card } from "./card-sql";
import { applyFilter, type CardFilter } from "./card-views";

export type ScopedCards =
  | { ok: true; context: CardContext; cards: Card[]; all: Card[]; unit: UnitEntry | null; units: UnitEntry[] }
  | { ok: false; reason: "forbidden" | "unknownUnit" };

/** Whose cards a page shows: every unit's, or one unit's (its own users', who answer them). */
export type CardAudience = { everyUnit: true } | { everyUnit: false; unitCode: string };

/** A viewer's audience; null for one with no unit of its own to see (a department user without a unit). */
export function cardAudienceOf(viewer: Viewer): CardAudience | null {
  if (canViewAllCards(viewer)) return { everyUnit: true };
  return viewer.unitCode ? { everyUnit: false, unitCode: viewer.unitCode } : null;
}

export async function cardsForViewer(viewer: Viewer, filter: CardFilter): Promise<ScopedCards> {
  const audience = cardAudienceOf(viewer);
  return audience ? cardsForAudience(audience, filter) : { ok: false, reason: "forbidden" };
}

/** The audience's cards, as of `day` when given (a cached page), else of the request's today. */
export async function cardsForAudience(audience: CardAudience, filter: CardFilter, day?: string): Promise<ScopedCards> {
  const units = await getUnitDirectory();
  let unit: UnitEntry | null = null;
  if (!audience.everyUnit) {
    if (filter.unit !== undefined && filter.unit !== audience.unitCode) return { ok: false, reason: "forbidden" };
    unit = units.find((u) => u.code === audience.unitCode) ?? null;
    if (!unit) return { ok: false, reason: "forbidden" };
  } else if (filter.unit !== undefined) {
    unit = units.find((u) => u.code === filter.unit) ?? null;
    if (!unit) return { ok: false, reason: "unknownUnit" };
  }
  const { context, cards: all } = await getCards(unit?.id, day);
  return { ok: true, context, all, cards: applyFilter(all, filter), unit, units };
}
