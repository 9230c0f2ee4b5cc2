"use client";

// A refused case upload's unknown units and headers, each with a choice of what it means; sent,
// the server processes the kept files again (lib/case-records/upload/mapping.ts).
import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { useLocale } from "@/components/ui/locale-link";
import type { FormState } from "@/lib/action-client/form-state";
import { remapCaseUploadAction } from "@/lib/case-records/actions/case-import-actions";
import { fill } from "@/lib/i18n/fill";
import type { Messages } from "@/lib/i18n/messages";
import { joinList, nameLang, paren } from "@/lib/i18n/punctuation";

type UnitChoice = { code: string; name: string; kind: "DEPARTMENT" | "DISTRICT" };
export type CaseMappingFormProps = {
  uploadId: number;
  t: Messages["caseMapping"];
  kinds: Record<string, string>;
  units: UnitChoice[];
  unknownUnits: Array<{ name: string; rows: string; suggestions: UnitChoice[] }>;
  files: Array<{
    file: string;
    kind: string | null;
    row: number | null;
    missing: string[];
    labels: string[];
    choices: Array<{ column: string; label: string }>;
  }>;
};

const select = "block w-full min-w-0 rounded-md border border-slate-300 px-2 py-1 text-sm";

export function CaseMappingForm({ uploadId, t, kinds, units, unknownUnits, files }: CaseMappingFormProps) {
  const [state, action, pending] = useActionState<FormState, FormData>(remapCaseUploadAction, {});
  const locale = useLocale();
  // Field names are numbered across all files: the action reads c0, c1, … until one is missing.
  let columnIndex = 0;
  return (
    <form action={action} className="space-y-4" data-testid="case-mapping-form">
      <input type="hidden" name="uploadId" value={uploadId} />
      <p className="text-sm text-slate-700">{t.intro}</p>
      {unknownUnits.length > 0 && (
        <fieldset className="space-y-2">
          <legend className="font-semibold">{t.unitsHeading}</legend>
          <ul className="space-y-2">
            {unknownUnits.map((u, i) => (
              <li
                key={u.name}
                className="grid gap-1 sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)] sm:items-center"
                data-unknown-unit={u.name}
              >
                <label htmlFor={`u${i}`} className="text-sm break-words">
                  “<span lang={nameLang(locale)}>{u.name}</span>”{" "}
                  <span className="text-slate-600">{paren(`${t.unitRows} ${u.rows}`, locale)}</span>
                </label>
                <div>
                  <input type="hidden" name={`u${i}.name`} value={u.name} />
                  <select id={`u${i}`} name={`u${i}.code`} defaultValue="" className={select}>
                    <option value="">{t.notMapped}</option>
                    {u.suggestions.map((s) => (
                      <option key={`s-${s.code}`} value={s.code}>
                        ★ {s.name}
                      </option>
                    ))}
                    <optgroup label={t.departments}>
                      {units
                        .filter((c) => c.kind === "DEPARTMENT")
                        .map((c) => (
                          <option key={c.code} value={c.code}>
                            {c.name}
                          </option>
                        ))}
                    </optgroup>
                    <optgroup label={t.districts}>
                      {units
                        .filter((c) => c.kind === "DISTRICT")
                        .map((c) => (
                          <option key={c.code} value={c.code}>
                            {c.name}
                          </option>
                        ))}
                    </optgroup>
                  </select>
                  <FieldError state={state} field={`u${i}`} />
                </div>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {files.length > 0 && (
        <fieldset className="space-y-3">
          <legend className="font-semibold">{t.columnsHeading}</legend>
          {files.map((f) => (
            <div key={f.file} className="space-y-2" data-mapping-file={f.file}>
              <p className="text-sm break-words">
                {f.kind === null
                  ? fill(t.fileNoKind, { file: f.file, row: f.row ?? 1 })
                  : fill(t.fileMissing, {
                      file: f.file,
                      kind: kinds[f.kind] ?? f.kind,
                      missing: joinList(f.missing, locale),
                    })}
              </p>
              <ul className="space-y-2">
                {f.labels.map((label) => {
                  const i = columnIndex++;
                  return (
                    <li
                      key={label}
                      className="grid gap-1 sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)] sm:items-center"
                      data-unknown-column={label}
                    >
                      <label htmlFor={`c${i}`} className="text-sm break-words">
                        “{label}”
                      </label>
                      <div>
                        <input type="hidden" name={`c${i}.label`} value={label} />
                        <select id={`c${i}`} name={`c${i}.column`} defaultValue="" className={select}>
                          <option value="">{t.notMapped}</option>
                          {f.choices.map((c) => (
                            <option key={c.column} value={c.column}>
                              {c.label}
                            </option>
                          ))}
                        </select>
                        <FieldError state={state} field={`c${i}`} />
                      </div>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </fieldset>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {t.submit}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
