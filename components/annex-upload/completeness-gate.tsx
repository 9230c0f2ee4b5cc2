// The completeness gate of an upload's preview: by bulletin section, every figure the month's
// bulletin would print blank, estimated or on another basis, and the 通报数据 entry that would
// make it exact (lib/indicators/completeness.ts).

import { formatCount, formatRate } from "@/lib/i18n/format";
import { fill, type Messages } from "@/lib/i18n/messages";
import { marks } from "@/lib/i18n/punctuation";
import type { FigureGap } from "@/lib/indicators/completeness";
import { BULLETIN_SECTIONS } from "@/lib/indicators/completeness";

export function gapName(gap: FigureGap, t: Messages, label: (field: string) => string): string {
  return `${t.sections.scopes[gap.scope]}${marks(t.locale).space}${label(gap.field)}`;
}

export function CompletenessGate({
  gaps,
  t,
  label,
}: {
  gaps: FigureGap[];
  t: Messages;
  label: (field: string) => string;
}) {
  const g = t.figures.gate;
  const locale = t.locale;
  const m = marks(locale);
  const valueText = (gap: FigureGap) =>
    gap.field.endsWith("Rate") || gap.field === "onlineShare"
      ? formatRate(gap.value, locale)
      : formatCount(gap.value, { unit: true, locale });
  return (
    <section
      className={`rounded-lg border p-4 ${gaps.length > 0 ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}
      data-testid="completeness"
      data-gaps={gaps.length}
    >
      <h2 className="mb-2 font-semibold">{g.heading}</h2>
      {gaps.length === 0 ? (
        <p className="text-sm text-slate-700">{g.none}</p>
      ) : (
        <div className="space-y-3 text-sm">
          {BULLETIN_SECTIONS.filter((section) => gaps.some((gap) => gap.section === section)).map((section) => (
            <div key={section} data-section={section}>
              <h3 className="font-medium text-slate-900">{g.sections[section]}</h3>
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {gaps
                  .filter((gap) => gap.section === section)
                  .map((gap) => (
                    <li key={`${gap.scope}-${gap.field}`} data-gap={`${gap.scope}.${gap.field}`} data-kind={gap.gap}>
                      <strong className="font-medium">{gapName(gap, t, label)}</strong>
                      {m.colon}
                      {fill(g.gap[gap.gap], { value: valueText(gap) })}
                      {m.semicolon}
                      {fill(g.input, {
                        inputs: gap.inputs
                          .map((input) => `“${t.upload.scopes[input.scope]} · ${label(input.field)}”`)
                          .join(g.or),
                      })}
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
