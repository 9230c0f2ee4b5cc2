// KPI cards for one scope's headline figures: the value and label the figure's one decision
// gives (lib/indicators/figure-decision.ts), and its change from the previous month only
// against a figure of the same kind and basis (else why not), labelled when that month is demo data.
import { KpiGrid } from "@/components/dashboard/kpi-grid";
import { comparisonBadge, figureNoteText, figureValueText } from "@/lib/dashboard/format-figure";
import { formatCount, formatPoints, formatRate, formatSignedCount } from "@/lib/i18n/format";
import { fill, type Messages } from "@/lib/i18n/messages";
import { marks } from "@/lib/i18n/punctuation";
import {
  compareMonthFigure,
  type HeadlineField,
  type MonthDecisions,
  type ScopeKey,
  type ScopeSummary,
} from "@/lib/indicators";

export type KpiMonth = {
  month: string;
  isDemo: boolean;
  scopes: Record<ScopeKey, ScopeSummary>;
  figures: MonthDecisions;
};

/** Any gap between the stated figure and the rows' sum, after the figure's own label. */
function rowsDifferNote(field: HeadlineField, summary: ScopeSummary, t: Messages, isRate: boolean): string | undefined {
  const figure = summary.figures[field];
  if (figure.source === "reported" && figure.difference !== null && figure.difference !== 0 && !figure.approximate) {
    const locale = t.locale;
    const computed = isRate
      ? formatRate(figure.computed, locale)
      : formatCount(figure.computed, { unit: true, locale });
    const difference = isRate
      ? formatPoints(figure.difference, locale)
      : formatSignedCount(figure.difference, { unit: true, locale });
    return fill(t.kpi.rowsDiffer, { computed, difference });
  }
  return undefined;
}

export function ScopeKpis({
  fields,
  scope,
  current,
  previous,
  messages,
  testIdPrefix,
  hrefOf,
}: {
  fields: HeadlineField[];
  scope: ScopeKey;
  current: KpiMonth;
  previous: KpiMonth | null;
  messages: Messages;
  testIdPrefix: string;
  /** The page a figure's card leads to (its detail). */
  hrefOf?: (field: HeadlineField) => string | undefined;
}) {
  const cards = fields.map((field) => {
    const decision = current.figures[scope][field];
    const comparison = compareMonthFigure(current.figures, previous?.figures ?? null, previous, scope, field);
    const context = [
      figureNoteText(decision, messages),
      rowsDifferNote(field, current.scopes[scope], messages, decision.kind === "rate"),
    ]
      .filter(Boolean)
      .join(marks(messages.locale).semicolon);
    const href = hrefOf?.(field);
    return {
      key: field,
      testId: `${testIdPrefix}-${field}`,
      label: messages.fields[field],
      value: figureValueText(decision, messages),
      change: comparisonBadge(comparison, messages),
      ...(context ? { context } : {}),
      status: decision.status,
      ...(href ? { href } : {}),
    };
  });
  // Drawn by a client component from this list: the cards' markup travels once (kpi-grid.tsx).
  return <KpiGrid cards={cards} />;
}
