// The definition of the cards, written next to the figures (the same text as
// docs/supervision-cards.md), with the settings in force.
import { fill } from "@/lib/i18n/fill";
import type { SupervisionMessages } from "@/lib/i18n/messages/supervision";
import type { CardSettings } from "@/lib/supervision";

export function CardDefinition({ t, settings }: { t: SupervisionMessages["warnings"]; settings: CardSettings }) {
  const values = {
    cutoff: settings.afterHoursCutoff,
    days: settings.yellowDaysLeft,
    share: settings.yellowSharePercent,
  };
  const d = t.definition;
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="card-definition">
      <summary className="min-h-6 cursor-pointer font-semibold text-slate-800">{t.definitionHeading}</summary>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
        {[d.open, d.used, d.left, d.red, d.yellow].map((line) => (
          <li key={line}>{fill(line, values)}</li>
        ))}
      </ul>
    </details>
  );
}
