import "server-only";
import { getBulletin } from "@/lib/bulletin/server";
import { getMonthView } from "@/lib/dashboard/month-view";
import { cityFigure, thresholdText, unitFigure } from "@/lib/dashboard/sections/problem-figures";
import { gapKey, ruleStatuses } from "@/lib/dashboard/sections/problems";
import { WEAKEST_LISTS, type WeakestList, type WeakUnit, weakestUnits } from "@/lib/dashboard/sections/weakest-units";
// What the home page's "problems and units to look at" panel shows, worded on the server:
// it names units, so it is served only to viewers who may see every unit (the home page
// itself is prerendered for every viewer and names none).
import { formatCount, formatPoints, formatRate } from "@/lib/i18n/format";
import { fill, getMessages, type Locale } from "@/lib/i18n/messages";
import { marks } from "@/lib/i18n/punctuation";

export type AttentionUnit = { code: string; name: string; figure: string };
export type Attention = {
  problems: Array<{
    kind: string;
    sentence: string;
    /** The city's figure, when the rule reads one ("全市：97.80%"), marked when it compares with a demo month. */
    city: string | null;
    units: AttentionUnit[];
  }>;
  /** Enabled rules that had nothing to read this month, with why (无数据：…): never a silent absence. */
  unevaluated: Array<{ kind: string; sentence: string; reason: string }>;
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
        return formatRate(u.value, locale);
      case "mostOverdue":
        return formatCount(u.value, { unit: true, locale });
      case "biggestFall":
        return fill(t.sections.problems.figures.evaluationRateDrop, {
          previous: formatRate(u.previous, locale),
          current: formatRate(u.current, locale),
          change: formatPoints(u.value, locale),
        });
      case "noCases":
        return t.annex.noCases;
    }
  };
  const home = t.readers.home;
  // A comparison with a generated month says so where it is read (evaluationRateDrop compares).
  const demoMark = bulletin.previousIsDemo ? fill(home.previousDemo, { badge: t.demo.badge }) : "";
  const sentence = (kind: (typeof bulletin.problems)[number]["kind"], threshold: number | null) =>
    fill(t.sections.problems.rules[kind], { threshold: thresholdText(kind, threshold, locale) });
  return {
    problems: bulletin.problems.map((problem) => {
      const figure = cityFigure(problem, t);
      const compares = problem.kind === "evaluationRateDrop";
      return {
        kind: problem.kind,
        sentence: sentence(problem.kind, problem.threshold),
        city: figure === null ? null : fill(home.cityFigure, { figure: `${figure}${compares ? demoMark : ""}` }),
        units: problem.units.map((u) => ({
          code: u.unitCode,
          name: u.unitName,
          figure: `${unitFigure(problem, u, t)}${compares ? demoMark : ""}`,
        })),
      };
    }),
    unevaluated: ruleStatuses(bulletin.settings, bulletin.problems, bulletin.ruleInputs)
      .filter((rule) => rule.enabled && !rule.found && rule.input === "none")
      .map((rule) => ({
        kind: rule.kind,
        sentence: sentence(rule.kind, rule.threshold),
        reason: fill(t.figures.rule.noData, {
          gaps: rule.gaps.map((gap) => t.figures.rule.gaps[gapKey(gap)]).join(marks(locale).semicolon),
        }),
      })),
    weakest: WEAKEST_LISTS.map((list) => ({
      list,
      units: weakest[list].map((u) => ({ code: u.unitCode, name: u.unitName, figure: figureOf(list, u) })),
    })),
  };
}
