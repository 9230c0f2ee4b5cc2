import "server-only";
import { getBulletin } from "@/lib/bulletin/server";
import { getMonthView } from "@/lib/dashboard/month-view";
import { thresholdText, unitFigure } from "@/lib/dashboard/sections/problem-figures";
import { WEAKEST_LISTS, type WeakestList, type WeakUnit, weakestUnits } from "@/lib/dashboard/sections/weakest-units";
// What the home page's "problems and units to look at" panel shows, worded on the server:
// it names units, so it is served only to viewers who may see every unit (the home page
// itself is prerendered for every viewer and names none).
import { formatCount, formatPoints, formatRate } from "@/lib/i18n/format";
import { fill, getMessages, type Locale } from "@/lib/i18n/messages";

export type AttentionUnit = { code: string; name: string; figure: string };
export type Attention = {
  problems: Array<{ kind: string; sentence: string; units: AttentionUnit[] }>;
  weakest: Array<{ list: WeakestList; units: AttentionUnit[] }>;
};

export async function monthAttention(month: string, locale: Locale = "zh-CN"): Promise<Attention | null> {
  const [view, bulletin] = await Promise.all([getMonthView(month), getBulletin(month)]);
  if (!view || !bulletin) return null;
  const t = getMessages(locale);
  const weakest = weakestUnits(view.current.rows, view.previous?.rows ?? []);
  const figureOf = (list: WeakestList, u: WeakUnit): string => {
    switch (list) {
      case "lowestCoverage":
        return formatRate(u.value);
      case "mostOverdue":
        return formatCount(u.value, { unit: true });
      case "biggestFall":
        return fill(t.sections.problems.figures.evaluationRateDrop, {
          previous: formatRate(u.previous),
          current: formatRate(u.current),
          change: formatPoints(u.value),
        });
      case "noCases":
        return t.annex.noCases;
    }
  };
  return {
    problems: bulletin.problems.map((problem) => ({
      kind: problem.kind,
      sentence: fill(t.sections.problems.rules[problem.kind], {
        threshold: thresholdText(problem.kind, problem.threshold),
      }),
      units: problem.units.map((u) => ({ code: u.unitCode, name: u.unitName, figure: unitFigure(problem, u, t) })),
    })),
    weakest: WEAKEST_LISTS.map((list) => ({
      list,
      units: weakest[list].map((u) => ({ code: u.unitCode, name: u.unitName, figure: figureOf(list, u) })),
    })),
  };
}
