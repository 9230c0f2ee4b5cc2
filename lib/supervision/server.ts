// The supervision capability's entry for the Next.js server only: the cards as pages read them
// (briefly memoised), the wall display's figures (docs/architecture.md).
import "server-only";

export {
  type CardContext,
  type CardCounts,
  countCards,
  getCardContext,
  getCards,
  getCardTrend,
  getItemNames,
  getUnitDirectory,
  getViewerCardCounts,
  listRedCards,
  loadSupervisionSettings,
  mailConfigured,
  type UnitEntry,
  viewerCardUnit,
} from "./cards/card-reads";
export { cardsForViewer, type ScopedCards } from "./cards/scoped-cards";
export { getWallFigures, monthRates, WALL_RATES, type WallFigures, type WallRate } from "./wall/wall-figures";
