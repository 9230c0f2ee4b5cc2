"use client";

import { startTransition, useActionState, useState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { useLocale } from "@/components/ui/locale-link";
import type { FormState } from "@/lib/action-client/form-state";
import { publishUploadAction, saveUploadChoicesAction } from "@/lib/annex-upload/actions/publish-upload";
import { mappingFieldNames } from "@/lib/annex-upload/mapping-fields";
import type { Messages } from "@/lib/i18n/messages";
import { joinList, nameLang } from "@/lib/i18n/punctuation";

type Unit = { code: string; name: string; kind: "DEPARTMENT" | "DISTRICT" };
export type UnknownName = { name: string; suggestions: Unit[]; mapped: string };
export type SummaryCell = {
  scope: "CITY" | "MUNICIPAL" | "DISTRICTS";
  field: string;
  label: string;
  fromFile: number | null;
  typed: number | null;
  /** Computed exactly from the rows: the form starts with it (never with an estimate). */
  prefill: number | null;
};

const input = "block w-full rounded-md border border-slate-300 px-2 py-1 text-sm";

export function UploadPreviewForm(props: {
  t: Messages["upload"];
  gate: Messages["figures"]["gate"];
  uploadId: number;
  /** The version the preview's diff was computed against (null: the month has none yet). */
  baseVersionId: number | null;
  units: Unit[];
  unknown: UnknownName[];
  summary: SummaryCell[];
  warningCount: number;
  canPublish: boolean;
  /** The bulletin figures this month would leave blank, estimated or on another basis (the gate). */
  gapNames: string[];
}) {
  const { t } = props;
  const locale = useLocale();
  const [saved, save, saving] = useActionState<FormState, FormData>(saveUploadChoicesAction, {});
  const [published, publish, publishing] = useActionState<FormState, FormData>(publishUploadAction, {});
  const [last, setLast] = useState<"save" | "publish" | null>(null);
  // The mapping chosen for each unknown name, shown at once (before 重新校验 re-checks the file).
  const [choices, setChoices] = useState<Record<string, string>>(() =>
    Object.fromEntries(props.unknown.map((u) => [u.name, u.mapped])),
  );
  const targetName = (code: string) =>
    code === "new:DEPARTMENT"
      ? t.mapNewDepartment
      : code === "new:DISTRICT"
        ? t.mapNewDistrict
        : (props.units.find((u) => u.code === code)?.name ?? code);
  const fields = [...new Set(props.summary.map((c) => c.field))];
  // Submitted by hand, not through <form action>: React resets a form after a form action,
  // which unticked the acknowledgements (and dropped typed figures) after 重新校验 or a refused
  // 发布, so the next 发布 was refused again, apparently doing nothing. Now every click sends
  // the form exactly as the admin sees it, and only the latest answer is shown.
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const which = submitter?.value === "publish" ? "publish" : "save";
    const data = new FormData(event.currentTarget);
    setLast(which);
    startTransition(() => (which === "publish" ? publish(data) : save(data)));
  };
  return (
    <form className="space-y-4" data-testid="publish-form" onSubmit={submit}>
      <input type="hidden" name="uploadId" value={props.uploadId} />
      {/* Publish is refused if another version became current after this preview was checked. */}
      <input type="hidden" name="baseVersionId" value={props.baseVersionId ?? ""} />
      {props.unknown.length > 0 && (
        <section className="rounded-lg border border-amber-300 bg-amber-50 p-4">
          <h2 className="mb-2 font-semibold">{t.unknownUnits}</h2>
          <ul className="space-y-2">
            {props.unknown.map((u, i) => (
              <li
                key={u.name}
                className="grid gap-2 sm:grid-cols-[1fr_2fr] sm:items-center"
                data-unknown={u.name}
                data-mapped={choices[u.name] ? "true" : "false"}
              >
                <span>
                  “<span lang={nameLang(locale)}>{u.name}</span>”
                  {choices[u.name] ? (
                    <span className="ml-2 text-xs text-emerald-700" data-mapping-status>
                      → {targetName(choices[u.name]!)}
                    </span>
                  ) : (
                    u.suggestions.length > 0 && (
                      <span className="ml-2 text-xs text-slate-600">
                        {t.suggestions.replace(
                          "{names}",
                          joinList(
                            u.suggestions.map((s) => s.name),
                            locale,
                          ),
                        )}
                      </span>
                    )
                  )}
                </span>
                <input type="hidden" name={mappingFieldNames(i).name} value={u.name} />
                <select
                  name={mappingFieldNames(i).target}
                  value={choices[u.name] ?? ""}
                  onChange={(event) => setChoices((c) => ({ ...c, [u.name]: event.target.value }))}
                  className={input}
                  aria-label={`${t.mapTo} ${u.name}`}
                >
                  <option value="">{t.mapNone}</option>
                  {u.suggestions.map((s) => (
                    <option key={`s-${s.code}`} value={s.code}>
                      ★ {s.name}
                    </option>
                  ))}
                  <option value="new:DEPARTMENT">{t.mapNewDepartment}</option>
                  <option value="new:DISTRICT">{t.mapNewDistrict}</option>
                  {props.units.map((s) => (
                    <option key={s.code} value={s.code}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </li>
            ))}
          </ul>
        </section>
      )}
      <details
        className="rounded-lg border border-slate-200 bg-white p-4"
        open={props.gapNames.length > 0 || props.summary.some((c) => c.typed !== null)}
        data-testid="summary-form"
      >
        <summary className="cursor-pointer font-semibold">{t.summaryHeading}</summary>
        <div className="mt-3 overflow-x-auto">
          <table className="text-sm">
            <thead>
              <tr>
                <th />
                {(["CITY", "MUNICIPAL", "DISTRICTS"] as const).map((s) => (
                  <th key={s} className="px-2 text-left">
                    {t.scopes[s]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {fields.map((field) => (
                <tr key={field}>
                  <td className="pr-2 py-1">{props.summary.find((c) => c.field === field)?.label}</td>
                  {(["CITY", "MUNICIPAL", "DISTRICTS"] as const).map((scope) => {
                    const cell = props.summary.find((c) => c.field === field && c.scope === scope)!;
                    const differs = cell.typed !== null && cell.fromFile !== null && cell.typed !== cell.fromFile;
                    return (
                      <td key={scope} className="px-2 py-1">
                        <input
                          name={`summary:${scope}:${field}`}
                          defaultValue={cell.typed ?? (cell.fromFile === null ? (cell.prefill ?? "") : "")}
                          inputMode="decimal"
                          aria-label={`${t.scopes[scope]} ${cell.label}`}
                          className={`${input} w-32 ${differs ? "border-amber-500" : ""}`}
                        />
                        {cell.fromFile !== null && (
                          <span className="block text-xs text-slate-600">
                            {t.summaryFromFile.replace("{value}", String(cell.fromFile))}
                          </span>
                        )}
                        {cell.typed === null && cell.fromFile === null && cell.prefill !== null && (
                          <span className="block text-xs text-slate-600" data-prefilled>
                            {props.gate.prefilled}
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      {props.warningCount > 0 && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="acknowledge" data-testid="acknowledge" />
          {t.acknowledge.replace("{count}", String(props.warningCount))}
        </label>
      )}
      {props.gapNames.length > 0 && (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="acknowledgeGaps" className="mt-1" data-testid="acknowledge-gaps" />
          <span>
            {props.gate.acknowledge
              .replace("{count}", String(props.gapNames.length))
              .replace("{names}", joinList(props.gapNames, locale))}
          </span>
        </label>
      )}
      <div className="flex flex-wrap gap-3">
        <button
          type="submit"
          name="intent"
          value="save"
          disabled={saving || publishing}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
          data-testid="recheck"
        >
          {t.recheck}
        </button>
        <button
          type="submit"
          name="intent"
          value="publish"
          disabled={saving || publishing || !props.canPublish}
          aria-busy={publishing}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          data-testid="publish"
        >
          {t.publish}
        </button>
      </div>
      <FormMessage state={last === "publish" ? published : last === "save" ? saved : {}} />
    </form>
  );
}
