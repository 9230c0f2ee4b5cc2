import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminLink } from "@/components/dashboard/admin-link";
import { SectionTable, tdClass, thClass } from "@/components/dashboard/section-parts";
import Link from "@/components/ui/locale-link";
import { getBulletin } from "@/lib/bulletin/read-bulletin";
import { thresholdText, unitFigure } from "@/lib/dashboard/sections/problem-figures";
import { gapKey, problemEntries, type RuleStatus, ruleStatuses } from "@/lib/dashboard/sections/problems";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { marks, nameLang } from "@/lib/i18n/punctuation";

export async function generateMetadata({ params }: { params: Promise<{ month: string }> }): Promise<Metadata> {
  const { month } = await params;
  return { title: `${(await getPageMessages()).sections.problems.heading} ${month}` };
}

export default async function ProblemsPage({ params }: { params: Promise<{ month: string }> }) {
  const { month } = await params;
  const bulletin = await getBulletin(month);
  if (!bulletin) notFound();
  const t = await getPageMessages();
  const p = t.sections.problems;
  const entries = problemEntries(bulletin);
  const rules = ruleStatuses(bulletin.settings, bulletin.problems, bulletin.ruleInputs);
  const locale = t.locale;
  const gapsText = (rule: RuleStatus) =>
    rule.gaps.map((gap) => t.figures.rule.gaps[gapKey(gap)]).join(marks(locale).semicolon);
  const statusText = (rule: RuleStatus) => {
    if (!rule.enabled) return p.status.disabled;
    if (!rule.found && rule.input === "none") return fill(t.figures.rule.noData, { gaps: gapsText(rule) });
    const status = !rule.found
      ? p.status.notFound
      : rule.units > 0
        ? fill(p.status.foundUnits, { count: rule.units })
        : p.status.found;
    return rule.input === "partial" ? fill(t.figures.rule.partial, { status, gaps: gapsText(rule) }) : status;
  };

  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-xl font-bold text-slate-900">{p.heading}</h1>
        <p className="mt-2 max-w-4xl text-sm leading-relaxed text-slate-600">{p.lead}</p>
      </section>

      {entries.length === 0 ? (
        <p
          className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700"
          data-testid="problems-none"
        >
          {p.none}
        </p>
      ) : (
        <ol className="space-y-4" data-testid="problems-list">
          {entries.map(({ problem, lead, text }) => (
            <li
              key={problem.kind}
              className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
              data-problem={problem.kind}
            >
              {/* The bulletin's own paragraph, quoted as issued (Chinese). */}
              <p className="text-sm leading-relaxed text-slate-800" lang={nameLang(locale)}>
                <strong className="font-semibold">{lead}</strong>
                <span data-problem-text>{text}</span>
              </p>
              {problem.units.length > 0 && (
                <details className="mt-3 text-sm">
                  <summary className="cursor-pointer text-brand-700 select-none">
                    {fill(p.unitsSummary, { count: problem.units.length })}
                  </summary>
                  <div className="mt-2">
                    <SectionTable testId={`problem-units-${problem.kind}`}>
                      <thead>
                        <tr>
                          <th className={thClass}>{p.unitColumns.unit}</th>
                          <th className={thClass}>{p.unitColumns.kind}</th>
                          <th className={thClass}>{p.unitColumns.figure}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {problem.units.map((unit) => (
                          <tr key={unit.unitCode} data-unit={unit.unitName}>
                            <th scope="row" className={`${tdClass} text-left font-normal`}>
                              <Link
                                href={`/${month}/units/${unit.unitCode}`}
                                className="text-brand-700 hover:underline"
                                lang={nameLang(locale)}
                              >
                                {unit.unitName}
                              </Link>
                            </th>
                            <td className={tdClass}>{t.sections.kinds[unit.kind]}</td>
                            <td className={`${tdClass} tabular`}>{unitFigure(problem, unit, t)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </SectionTable>
                  </div>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}

      <section className="space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-base font-semibold text-slate-800">{p.rulesHeading}</h2>
          <AdminLink href="/admin/settings">{p.settingsLink}</AdminLink>
        </div>
        <SectionTable testId="problem-rules" caption={p.rulesHeading}>
          <thead>
            <tr>
              <th className={thClass}>{p.ruleColumns.rule}</th>
              <th className={thClass}>{p.ruleColumns.status}</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <tr
                key={rule.kind}
                data-rule={rule.kind}
                data-status={
                  !rule.enabled ? "disabled" : rule.found ? "found" : rule.input === "none" ? "noData" : "notFound"
                }
                data-input={rule.input}
              >
                <td className={tdClass}>
                  {fill(p.rules[rule.kind], { threshold: thresholdText(rule.kind, rule.threshold, locale) })}
                </td>
                <td className={tdClass}>{statusText(rule)}</td>
              </tr>
            ))}
          </tbody>
        </SectionTable>
      </section>
    </div>
  );
}
