"use client";

import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { useLocale } from "@/components/ui/locale-link";
import type { FormState } from "@/lib/action-client/form-state";
import { updateBulletinTextsAction } from "@/lib/bulletin/actions/update-bulletin-texts";
import type { EditableBulletinTexts } from "@/lib/bulletin/texts/bulletin-texts";
import type { Messages } from "@/lib/i18n/messages";
import { nameLang, paren } from "@/lib/i18n/punctuation";
import type { ProblemKind } from "@/lib/indicators/problems";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";
const button =
  "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
const LABELS = ["报", "送", "发"] as const;

export function BulletinTextsForm({
  t,
  month,
  baseVersion,
  texts,
  kinds,
  headings,
  found,
}: {
  t: Messages;
  month: string;
  /** The version the form shows (0: the defaults). */
  baseVersion: number;
  texts: EditableBulletinTexts;
  kinds: readonly ProblemKind[];
  /** 办件覆盖率较低。… per problem. */
  headings: Record<ProblemKind, string>;
  /** Which problems the rules find this month. */
  found: readonly ProblemKind[];
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(updateBulletinTextsAction, {});
  // The bulletin's own words (its headings, the 报/送/发 labels, the texts) are quoted in Chinese.
  const locale = useLocale();
  const zh = nameLang(locale);
  const r = t.bulletin.admin.reports;
  const refused = state.values !== undefined;
  const value = (name: string, stored: string) => (refused ? (state.values?.[name] ?? "") : stored);
  const linesOf = (label: string) => texts.distribution.find((d) => d.label === label)?.lines.join("\n") ?? "";
  return (
    <form
      action={action}
      className="space-y-6"
      data-testid="bulletin-texts-form"
      key={refused ? JSON.stringify(state.values) : `v${baseVersion}`}
    >
      <input type="hidden" name="month" value={month} />
      <input type="hidden" name="baseVersion" value={baseVersion} />
      <fieldset className="space-y-3">
        <legend className="font-semibold">{r.remarksHeading}</legend>
        <p className="text-xs text-slate-600">{r.remarksHint}</p>
        {kinds.map((kind) => {
          const name = `remark.${kind}`;
          return (
            <label key={kind} className="block text-sm" data-remark={kind}>
              <span className="font-medium" lang={zh}>
                {headings[kind]}
              </span>
              <span className={`ml-2 text-xs ${found.includes(kind) ? "text-emerald-700" : "text-slate-600"}`}>
                {paren(found.includes(kind) ? r.foundThisMonth : r.notFoundThisMonth, locale)}
              </span>
              <textarea
                lang={zh}
                name={name}
                rows={2}
                defaultValue={value(name, texts.problemRemarks[kind])}
                className={input}
              />
              <FieldError state={state} field={name} />
            </label>
          );
        })}
      </fieldset>
      <label className="block text-sm">
        <span className="font-medium">{r.overviewNote}</span>
        <input name="overviewNote" defaultValue={value("overviewNote", texts.overviewNote ?? "")} className={input} />
        <span className="mt-1 block text-xs text-slate-600">{r.overviewNoteHint}</span>
        <FieldError state={state} field="overviewNote" />
      </label>
      <fieldset className="space-y-3">
        <legend className="font-semibold">{r.distributionHeading}</legend>
        <p className="text-xs text-slate-600">{r.distributionHint}</p>
        {LABELS.map((label) => {
          const name = `distribution.${label}`;
          return (
            <label key={label} className="block text-sm">
              <span className="font-medium" lang={zh}>
                {label}
              </span>
              <textarea lang={zh} name={name} rows={3} defaultValue={value(name, linesOf(label))} className={input} />
              <FieldError state={state} field={name} />
            </label>
          );
        })}
      </fieldset>
      <div className="grid gap-4 md:grid-cols-2">
        <label className="block text-sm">
          <span className="font-medium">{r.issuer}</span>
          <input name="issuer" defaultValue={value("issuer", texts.issuer)} className={input} />
          <FieldError state={state} field="issuer" />
        </label>
        <label className="block text-sm">
          <span className="font-medium">{r.issueDate}</span>
          <input
            name="issueDate"
            type="date"
            defaultValue={value("issueDate", texts.issueDate ?? "")}
            className={input}
          />
          <span className="mt-1 block text-xs text-slate-600">{r.issueDateHint}</span>
          <FieldError state={state} field="issueDate" />
        </label>
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={button}>
          {r.save}
        </button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
