import { notFound } from "next/navigation";
import { Fragment, type ReactNode } from "react";
import { BulletinTextsForm } from "@/components/bulletin/bulletin-texts-form";
import { DraftDifferencesList } from "@/components/bulletin/draft-differences";
import { IssueBulletinForm } from "@/components/bulletin/issue-bulletin-form";
import Link from "@/components/ui/locale-link";
import { requirePagePermission } from "@/lib/access/guard";
import { PROBLEM_HEADINGS } from "@/lib/bulletin/build";
import {
  getBulletin,
  getDraftAgainstIssue,
  listBulletinTextVersions,
  listIssuesCached,
} from "@/lib/bulletin/read-bulletin";
import { type BulletinTextPart, changedParts, editableTexts } from "@/lib/bulletin/texts/bulletin-texts";
import { formatMonthLabel, isMonth } from "@/lib/calendar/month";
import { fill } from "@/lib/i18n/messages";
import { pageMessages } from "@/lib/i18n/page-locale";
import { marks, nameLang, paren } from "@/lib/i18n/punctuation";
import { PROBLEM_KINDS } from "@/lib/indicators/problems";

export default async function EditBulletinTextsPage({ params }: { params: Promise<{ month: string }> }) {
  const { month } = await params;
  await requirePagePermission("data.manage", `/admin/reports/${month}`);
  if (!isMonth(month)) notFound();
  const [bulletin, versions, issues, draftState] = await Promise.all([
    getBulletin(month),
    listBulletinTextVersions(month),
    listIssuesCached(month),
    getDraftAgainstIssue(month),
  ]);
  if (!bulletin) notFound();
  const { t, locale } = await pageMessages();
  const r = t.bulletin.admin.reports;
  const i = t.figures.issue;
  const newest = versions[0] ?? null;
  const texts = editableTexts(month, newest?.texts ?? null);
  const m = marks(locale);
  // A remark is named by the bulletin's heading of its problem, quoted as issued.
  const partLabel = (part: BulletinTextPart): ReactNode =>
    part.startsWith("problemRemarks.") ? (
      <Fragment key={part}>
        {r.remarksHeading}
        {m.colon}
        <span lang={nameLang(locale)}>
          {PROBLEM_HEADINGS[part.slice("problemRemarks.".length) as keyof typeof PROBLEM_HEADINGS]}
        </span>
      </Fragment>
    ) : (
      { overviewNote: r.overviewNote, distribution: r.distributionHeading, issuer: r.issuer, issueDate: r.issueDate }[
        part as "issuer"
      ]
    );
  // What each version changed from the one before it (the first: from the defaults).
  const changes = versions.map((v, i) =>
    changedParts(editableTexts(month, versions[i + 1]?.texts ?? null), editableTexts(month, v.texts)).map(partLabel),
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-xl font-bold">{fill(r.editHeading, { month: formatMonthLabel(month, locale) })}</h1>
        <Link href={`/reports/${month}`} className="text-sm text-brand-700 hover:underline">
          {r.view}
        </Link>
      </div>
      <p className="max-w-3xl text-sm text-slate-600">{r.figuresNote}</p>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="issue-section">
        <h2 className="font-semibold">{i.heading}</h2>
        <p className="max-w-3xl text-sm text-slate-600">{i.lead}</p>
        {draftState && (
          <DraftDifferencesList differences={draftState.differences} edition={draftState.issued.edition} t={t} />
        )}
        {!draftState?.differences.none && (
          <IssueBulletinForm
            month={month}
            nextEdition={(issues[0]?.edition ?? 0) + 1}
            labels={{
              button:
                issues.length === 0 ? i.button : fill(i.reissueButton, { edition: (issues[0]?.edition ?? 0) + 1 }),
              correctionNote: i.correctionNote,
            }}
          />
        )}
        {issues.length > 0 && (
          <div className="overflow-x-auto">
            <h3 className="mb-1 text-sm font-medium">{i.editions}</h3>
            <table className="w-full text-left text-sm" data-testid="bulletin-issues">
              <thead className="bg-slate-100">
                <tr>
                  {(["edition", "issuedAt", "by", "issueDate", "data", "note", "files"] as const).map((c) => (
                    <th key={c} className="px-3 py-2">
                      {i.columns[c]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {issues.map((issue) => (
                  <tr key={issue.edition} className="border-t border-slate-100 align-top" data-edition={issue.edition}>
                    <td className="px-3 py-2 whitespace-nowrap">
                      <Link
                        href={`/reports/${month}/editions/${issue.edition}`}
                        className="text-brand-700 hover:underline"
                      >
                        {fill(i.edition, { edition: issue.edition })}
                      </Link>
                    </td>
                    <td className="px-3 py-2 tabular whitespace-nowrap">
                      {new Date(issue.issuedAt).toLocaleString("zh-CN", { hour12: false, timeZone: "Asia/Shanghai" })}
                    </td>
                    <td className="px-3 py-2">{issue.issuedBy ?? t.admin.audit.system}</td>
                    <td className="px-3 py-2 tabular whitespace-nowrap">{issue.issueDate ?? "—"}</td>
                    <td className="px-3 py-2 tabular">{issue.versionNumber}</td>
                    <td className="px-3 py-2">{issue.correctionNote ?? "—"}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {(["docx", "pdf", "xlsx"] as const).map((kind) => (
                        <a
                          key={kind}
                          href={`/api/reports/${month}/${kind === "xlsx" ? "annexes" : "bulletin"}.${kind}?edition=${issue.edition}`}
                          className="mr-2 text-brand-700 hover:underline"
                          title={issue.sha256[kind]}
                        >
                          {kind.toUpperCase()}
                        </a>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <BulletinTextsForm
          t={t}
          month={month}
          baseVersion={newest?.version ?? 0}
          texts={texts}
          kinds={PROBLEM_KINDS}
          headings={PROBLEM_HEADINGS}
          found={bulletin.problems.map((p) => p.kind)}
        />
      </section>
      <section className="space-y-2">
        <h2 className="font-semibold">{r.versionsHeading}</h2>
        {versions.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="bulletin-versions-none">
            {r.noVersions}
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="bulletin-versions">
              <thead className="bg-slate-100">
                <tr>
                  {(["version", "at", "by", "content"] as const).map((c) => (
                    <th key={c} className="px-3 py-2">
                      {r.versionColumns[c]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {versions.map((v, i) => (
                  <tr key={v.version} className="border-t border-slate-100 align-top" data-version={v.version}>
                    <td className="px-3 py-2 tabular whitespace-nowrap">
                      {v.version}
                      {i === 0 && <span className="ml-2 text-xs text-emerald-700">{paren(r.current, locale)}</span>}
                    </td>
                    <td className="px-3 py-2 tabular whitespace-nowrap">
                      {v.createdAt.toLocaleString(locale, { hour12: false })}
                    </td>
                    <td className="px-3 py-2">{v.createdBy ?? t.admin.audit.system}</td>
                    <td className="px-3 py-2">
                      <details>
                        <summary className="cursor-pointer text-brand-700" data-changes>
                          {changes[i]!.length === 0
                            ? "—"
                            : changes[i]!.map((label, n) => (
                                <Fragment key={n}>
                                  {n > 0 && m.semicolon}
                                  {label}
                                </Fragment>
                              ))}
                        </summary>
                        <pre lang={nameLang(locale)} className="mt-2 max-w-3xl text-xs whitespace-pre-wrap">
                          {JSON.stringify(v.texts, null, 2)}
                        </pre>
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
