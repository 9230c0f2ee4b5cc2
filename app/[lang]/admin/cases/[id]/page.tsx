import { notFound } from "next/navigation";
import { CaseCancelForm, CaseDiscardForm, CasePublishForm } from "@/components/case-records/case-import-actions";
import { CaseMappingForm } from "@/components/case-records/case-mapping-form";
import { CaseProgress } from "@/components/case-records/case-progress";
import { CaseUploadForm } from "@/components/case-records/case-upload-form";
import { AnnexTable, type AnnexTableRow } from "@/components/dashboard/annex-table";
import { fillNodes } from "@/components/ui/fill-nodes";
import Link from "@/components/ui/locale-link";
import { requirePagePermission } from "@/lib/access/guard";
import { suggestUnits } from "@/lib/annex-upload/parse/validate";
import { canonicalLabel } from "@/lib/case-records/import/columns";
import {
  type CasePreviewRow,
  readCaseImportPreview,
  readCaseUploadProgress,
} from "@/lib/case-records/upload/case-uploads";
import { filesKept, mappingNeeds, remappable } from "@/lib/case-records/upload/mapping";
import { getUnits } from "@/lib/dashboard/unit-history";
import { idParam } from "@/lib/http/route-params";
import { formatCount } from "@/lib/i18n/format";
import { fill } from "@/lib/i18n/messages";
import { pageMessages } from "@/lib/i18n/page-locale";
import { joinList, marks, nameLang, withNote } from "@/lib/i18n/punctuation";
import { CASE_COUNT_FIELDS } from "@/lib/indicators/ranking";
import { ANNEX_FIELDS } from "@/lib/indicators/types";

function tableRows(rows: CasePreviewRow[]): AnnexTableRow[] {
  return rows.map((row) => {
    const out = {
      unitCode: row.code,
      unitName: row.name,
      seq: row.seq,
      noCases: CASE_COUNT_FIELDS.every((f) => row[f] === 0),
      top: false,
    } as AnnexTableRow;
    for (const field of ANNEX_FIELDS) out[field] = row[field];
    return out;
  });
}

export default async function CaseImportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePagePermission("data.manage", `/admin/cases/${id}`);
  const { t: messages, locale } = await pageMessages();
  const t = messages.caseImport;
  const zh = nameLang(locale);
  const uploadId = idParam(id);
  if (uploadId === null) notFound();
  const progress = await readCaseUploadProgress(uploadId);
  if (!progress) notFound();
  const running = progress.status === "TRANSFERRING" || progress.status === "PROCESSING";
  const preview = progress.caseImportId && !running ? await readCaseImportPreview(progress.caseImportId) : null;
  const report = preview?.report ?? null;
  const discardable = ["TRANSFERRING", "STAGED", "REFUSED", "FAILED"].includes(progress.status);
  const departments = preview ? tableRows(preview.rows.filter((r) => r.kind === "DEPARTMENT")) : [];
  const districts = preview ? tableRows(preview.rows.filter((r) => r.kind === "DISTRICT")) : [];
  // A refusal the admin can fix by saying what unknown names mean, while the files are kept.
  const needs = progress.status === "REFUSED" && report && remappable(report) ? mappingNeeds(report) : null;
  const mappable = needs !== null && (await filesKept(progress.id, progress.files));
  const tm = messages.caseMapping;
  const unitChoices = mappable ? await getUnits() : [];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-bold">{fill(t.detailHeading, { id: progress.id, month: progress.month })}</h1>
        <p className="text-sm text-slate-600" data-testid="case-status" data-status={progress.status}>
          {t.status[progress.status]}
          {preview?.versionNumber != null && ` · v${preview.versionNumber}`}
        </p>
        <Link href="/admin/cases" className="text-sm text-brand-700 underline">
          {t.backToList}
        </Link>
      </div>
      {running && <CaseProgress t={t} initial={progress} />}
      {progress.status === "TRANSFERRING" && (
        <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="font-semibold">{t.resumeHeading}</h2>
          <p className="text-sm text-slate-700">{t.resumeIntro}</p>
          <CaseUploadForm
            t={t}
            locale={locale}
            resume={{ id: progress.id, month: progress.month, files: progress.files }}
          />
        </section>
      )}
      {progress.status === "PROCESSING" && (
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <CaseCancelForm uploadId={progress.id} label={t.cancel} intro={t.cancelIntro} />
        </section>
      )}
      {progress.status === "CANCELLED" && progress.cancelledAt && (
        <p className="rounded bg-slate-100 px-3 py-2 text-sm text-slate-800" data-testid="case-cancelled">
          {fill(t.cancelledBy, {
            who: progress.cancelledBy ?? "—",
            at: new Date(progress.cancelledAt).toLocaleString(locale === "en" ? "en-GB" : "zh-CN", {
              hour12: false,
              timeZone: "Asia/Shanghai",
            }),
          })}
        </p>
      )}
      {progress.message && (
        <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="case-message">
          {progress.message}
        </p>
      )}
      {progress.status === "REFUSED" && (
        <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="case-refused">
          {mappable ? tm.refusedMappable : t.refusedNote}
        </p>
      )}
      {mappable && needs && (
        <section
          className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4"
          aria-labelledby="case-mapping-heading"
        >
          <h2 id="case-mapping-heading" className="font-semibold">
            {tm.heading}
          </h2>
          <CaseMappingForm
            uploadId={progress.id}
            t={tm}
            kinds={t.kinds}
            units={unitChoices}
            unknownUnits={needs.units.map((u) => ({
              name: u.name,
              rows: formatCount(u.rows, { locale }),
              suggestions: suggestUnits(u.name, unitChoices),
            }))}
            files={needs.files.map((f) => ({
              ...f,
              missing: f.missing.map(canonicalLabel),
              choices: f.choices.map((column) => ({ column, label: canonicalLabel(column) })),
            }))}
          />
        </section>
      )}
      {report && (
        <>
          <section
            className="space-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm"
            data-testid="case-files"
          >
            <h2 className="font-semibold">{t.filesHeading}</h2>
            <p data-testid="case-totals">
              {fill(t.totals, {
                cases: formatCount(report.cases, { locale }),
                evaluations: formatCount(report.evaluations, { locale }),
                items: formatCount(report.items, { locale }),
              })}
            </p>
            <ul className="list-disc pl-5">
              {report.files.map((f, n) => (
                <li key={n}>
                  {fillNodes(t.fileLine, {
                    file: <span lang={zh}>{f.file}</span>,
                    kind: t.kinds[f.kind ?? "unknown"],
                    format: f.format,
                    encoding: f.encoding ? ` ${f.encoding}` : "",
                    rows: formatCount(f.rows, { locale }),
                  })}
                </li>
              ))}
            </ul>
            {report.timings && (
              <p className="text-slate-600">
                {fill(t.timingsLine, {
                  timings: Object.entries(report.timings)
                    .map(
                      ([stage, s]) =>
                        `${(t.stage as Record<string, string>)[stage] ?? stage} ${fill(t.seconds, { value: s ?? 0 })}`,
                    )
                    .join(marks(locale).comma),
                })}
              </p>
            )}
            <h3 className="pt-2 font-semibold">{t.droppedHeading}</h3>
            {report.files.some((f) => f.droppedColumns.length > 0) ? (
              <ul className="list-disc pl-5" data-testid="case-dropped">
                {report.files
                  .filter((f) => f.droppedColumns.length > 0)
                  .map((f, n) => (
                    <li key={n}>
                      {fillNodes(t.droppedLine, {
                        file: <span lang={zh}>{f.file}</span>,
                        columns: <span lang={zh}>{joinList(f.droppedColumns, locale)}</span>,
                      })}
                    </li>
                  ))}
              </ul>
            ) : (
              <p>{t.droppedNone}</p>
            )}
          </section>
          <section
            className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
            data-testid="case-problems"
          >
            <h2 className="font-semibold">
              {fill(t.problemsHeading, { errors: report.errorCount, warnings: report.warningCount })}
            </h2>
            {report.problems.length === 0 && <p>{t.problemsNone}</p>}
            {report.problems.map((p) => (
              <div key={p.code} data-code={p.code} data-severity={p.severity}>
                <h3 className={`font-semibold ${p.severity === "error" ? "text-rose-800" : "text-amber-900"}`}>
                  {fill(t.problemKind, {
                    // Reports stored before the titles were translated name their kinds in Chinese.
                    title: (t.problemTitles as Record<string, string>)[p.code] ?? p.title,
                    severity: t.severity[p.severity],
                    count: formatCount(p.count, { locale }),
                  })}
                </h3>
                {p.first.length > 0 && (
                  <table className="mt-1 w-full text-left text-xs">
                    <caption className="text-left text-slate-600">
                      {fill(t.firstRows, { count: p.first.length })}
                    </caption>
                    <thead className="bg-slate-100">
                      <tr>
                        <th scope="col" className="px-1 py-0.5">
                          {t.problemColumns.file}
                        </th>
                        <th scope="col" className="px-1 py-0.5">
                          {t.problemColumns.row}
                        </th>
                        <th scope="col" className="px-1 py-0.5">
                          {t.problemColumns.column}
                        </th>
                        <th scope="col" className="px-1 py-0.5">
                          {t.problemColumns.message}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {p.first.map((row, i) => (
                        <tr key={i} className="border-t border-slate-100" data-row={row.row}>
                          <td className="px-1 py-0.5" lang={zh}>
                            {row.file}
                            {row.sheet ? ` / ${row.sheet}` : ""}
                          </td>
                          <td className="px-1 py-0.5">{row.row ?? "—"}</td>
                          <td className="px-1 py-0.5">
                            {row.column ? (
                              <>
                                <span lang={zh}>{row.column.label}</span>
                                {withNote("", row.column.letter, locale)}
                              </>
                            ) : (
                              "—"
                            )}
                          </td>
                          <td className="px-1 py-0.5">
                            {/* older stored reports have no messageEn */}
                            {locale === "en" ? (row.messageEn ?? row.message) : row.message}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </div>
            ))}
            {report.problems.length > 0 && (
              <a
                href={`/api/cases/${progress.id}/problems.csv`}
                className="text-brand-700 underline"
                data-testid="case-problems-csv"
              >
                {t.problemsCsv}
              </a>
            )}
            {report.problemsCsv && Object.keys(report.problemsCsv.omitted).length > 0 && (
              <p className="text-slate-700" data-testid="case-problems-capped">
                {fill(t.problemsCsvCapped, {
                  rows: formatCount(report.problemsCsv.rows),
                  rest: formatCount(Object.values(report.problemsCsv.omitted).reduce((n, c) => n + (c ?? 0), 0)),
                  kinds: Object.entries(report.problemsCsv.omitted)
                    .map(
                      ([code, count]) =>
                        `${(t.problemTitles as Record<string, string>)[code] ?? code} ${formatCount(count ?? 0)}`,
                    )
                    .join(locale === "en" ? ", " : "，"),
                })}
              </p>
            )}
          </section>
        </>
      )}
      {preview && preview.rows.length > 0 && (
        <section className="space-y-3" data-testid="case-figures">
          <h2 className="text-base font-semibold">{t.figuresHeading}</h2>
          <h3 className="text-sm font-semibold">{messages.annex.departmentsTitle}</h3>
          <AnnexTable
            rows={departments}
            kind="DEPARTMENT"
            month={progress.month}
            messages={messages.annex}
            readers={messages.readers}
            fileName={`办件明细导入-${progress.id}-附件1-${progress.month}.csv`}
          />
          <h3 className="text-sm font-semibold">{messages.annex.districtsTitle}</h3>
          <AnnexTable
            rows={districts}
            kind="DISTRICT"
            month={progress.month}
            messages={messages.annex}
            readers={messages.readers}
            fileName={`办件明细导入-${progress.id}-附件2-${progress.month}.csv`}
          />
        </section>
      )}
      {progress.status === "STAGED" && (
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <CasePublishForm
            uploadId={progress.id}
            label={fill(t.publish, { month: progress.month })}
            intro={t.publishIntro}
          />
        </section>
      )}
      {progress.status === "PUBLISHED" && preview?.versionNumber != null && (
        <p className="text-sm" data-testid="case-published">
          {fill(t.publishedNote, { month: progress.month, version: preview.versionNumber })}{" "}
          <Link href={`/admin/months/${progress.month}`} className="text-brand-700 underline">
            {progress.month}
          </Link>
        </p>
      )}
      {discardable && (
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <CaseDiscardForm uploadId={progress.id} label={t.discard} intro={t.discardIntro} />
        </section>
      )}
    </div>
  );
}
