import { notFound } from "next/navigation";
import { CompletenessGate, gapName } from "@/components/annex-upload/completeness-gate";
import { ProblemsTable } from "@/components/annex-upload/problems-table";
import { type SummaryCell, UploadPreviewForm } from "@/components/annex-upload/upload-preview-form";
import { DiffTable } from "@/components/month-versions/diff-table";
import { fillNodes } from "@/components/ui/fill-nodes";
import Link from "@/components/ui/locale-link";
import { requirePagePermission } from "@/lib/access/guard";
import { fieldLabel } from "@/lib/annex-upload/field-label";
import { mergeSummaries, type SummaryForm } from "@/lib/annex-upload/publish-upload";
import { loadUploadPreview } from "@/lib/annex-upload/uploads";
import { idParam } from "@/lib/http/route-params";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { nameLang } from "@/lib/i18n/punctuation";
import { bulletinGaps, exactSummaryPrefill, toReportedSummaries } from "@/lib/indicators/completeness";
import { ANNEX_FIELDS, REPORTED_SUMMARY_FIELDS } from "@/lib/indicators/types";
import { diffFigures } from "@/lib/month-versions/diff-versions";

export default async function UploadPreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePagePermission("data.manage", `/admin/uploads/${id}`);
  const messages = await getPageMessages();
  const t = messages.upload;
  const uploadId = idParam(id);
  if (uploadId === null) notFound();
  const preview = await loadUploadPreview(uploadId, viewer.userId);
  if (!preview) notFound();
  if (preview.kind === "altered") return <AlteredUpload upload={preview.upload} fileName={preview.fileName} />;
  const { upload, mappings, check } = preview;
  const typed = (upload.summaryForm ?? {}) as SummaryForm;
  const { validation } = check;
  const units = check.knownUnits
    .filter((u) => !u.code.startsWith("new:"))
    .map((u) => ({ code: u.code, name: u.name, kind: u.kind }));
  const unknown = [
    ...check.unknownNames.map((u) => ({
      name: u.name,
      suggestions: u.suggestions.map((s) => ({ code: s.code, name: s.name, kind: s.kind })),
      mapped: mappings[u.name] ?? "",
    })),
    ...Object.entries(check.applied)
      .filter(([name]) => name in mappings)
      .map(([name, target]) => ({ name, suggestions: [], mapped: target })),
  ];
  // The gate: what the bulletin would print blank or inexact with the file's and the form's figures.
  const merged = toReportedSummaries(mergeSummaries(validation.summaries, typed));
  const gaps = bulletinGaps(validation.rows, merged);
  const prefill = exactSummaryPrefill(validation.rows, merged);
  const label = (field: string) => fieldLabel(messages, field);
  const summary: SummaryCell[] = REPORTED_SUMMARY_FIELDS.flatMap((field) =>
    (["CITY", "MUNICIPAL", "DISTRICTS"] as const).map((scope) => ({
      scope,
      field,
      label: fieldLabel(messages, field),
      fromFile:
        ((validation.summaries.find((s) => s.scope === scope) as Record<string, unknown> | undefined)?.[field] as
          | number
          | undefined) ?? null,
      typed: typed[scope]?.[field] ?? null,
      prefill: prefill[scope][field] ?? null,
    })),
  );
  const diff = diffFigures(check.current, { rows: validation.rows, summaries: validation.summaries });
  const staged = upload.status === "STAGED";
  const zh = nameLang(messages.locale);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-bold">
          {fillNodes(t.previewHeading, { file: <span lang={zh}>{upload.fileName}</span> })}
        </h1>
        <p className="text-sm text-slate-600">
          {fill(t.previewMeta, {
            month: upload.month,
            size: `${(upload.sizeBytes / 1024).toFixed(1)} KB`,
            sha: upload.sha256,
          })}{" "}
          · {t.status[upload.status]}
          {upload.version && ` · v${upload.version.number}`}
        </p>
        {upload.files.length > 1 && (
          <ul className="text-sm text-slate-600" data-testid="upload-files">
            {upload.files.map((f) => (
              <li key={f.position}>
                <a
                  href={`/api/uploads/${upload.id}/file?n=${f.position}`}
                  className="text-brand-700 hover:underline"
                  lang={zh}
                >
                  {f.fileName}
                </a>
                {` · ${(f.sizeBytes / 1024).toFixed(1)} KB · `}
                <span className="font-mono text-xs">{f.sha256.slice(0, 16)}…</span>
              </li>
            ))}
          </ul>
        )}
        <Link href={`/admin/months/${upload.month}`} className="text-sm text-brand-700 hover:underline">
          {t.historyLink}
        </Link>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">
          {fill(t.problems, { errors: validation.errorCount, warnings: validation.warningCount })}
          {validation.infoCount > 0 ? fill(t.infoCount, { count: validation.infoCount }) : ""}
        </h2>
        <ProblemsTable t={t} figures={messages.figures} problems={validation.problems} locale={messages.locale} />
      </section>
      <CompletenessGate gaps={gaps} t={messages} label={label} />
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">
          {t.diffHeading}
          {check.current && ` (v${check.current.number})`}
        </h2>
        {check.current ? (
          <DiffTable t={t} fieldLabel={(f) => fieldLabel(messages, f)} diff={diff} />
        ) : (
          <p className="text-sm">{t.diffNone}</p>
        )}
      </section>
      {staged ? (
        <UploadPreviewForm
          t={t}
          gate={messages.figures.gate}
          uploadId={upload.id}
          baseVersionId={check.current?.versionId ?? null}
          units={units}
          unknown={unknown}
          summary={summary}
          warningCount={validation.warningCount}
          canPublish={validation.canPublish}
          gapNames={gaps.map((gap) => gapName(gap, messages, label))}
        />
      ) : (
        <p className="text-sm">{fill(t.alreadyDone, { status: t.status[upload.status] })}</p>
      )}
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">{fill(t.rowsHeading, { count: validation.rows.length })}</h2>
        <div className="max-h-[32rem] overflow-auto">
          <table className="text-right text-xs" data-testid="parsed-rows">
            <thead className="sticky top-0 bg-slate-100">
              <tr>
                <th className="px-1 py-1">{messages.annex.seq}</th>
                <th className="px-1 py-1 text-left">{t.diffColumns.unit}</th>
                {ANNEX_FIELDS.map((f) => (
                  <th key={f} className="px-1 py-1 font-normal">
                    {fieldLabel(messages, f)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {validation.rows.map((r) => (
                <tr key={r.unitCode} className="border-t border-slate-100" data-unit={r.unitCode}>
                  <td className="px-1">{r.seq}</td>
                  <td className="px-1 text-left whitespace-nowrap" lang={zh}>
                    {r.unitName}
                  </td>
                  {ANNEX_FIELDS.map((f) => (
                    <td key={f} className="px-1 font-mono">
                      {r[f]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

/** A stored file no longer matches its SHA-256: nothing of it is shown or parsed (the refusal is audited). */
async function AlteredUpload({
  upload,
  fileName,
}: {
  upload: { id: number; month: string; fileName: string };
  fileName: string;
}) {
  const messages = await getPageMessages();
  const zh = nameLang(messages.locale);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">
        {fillNodes(messages.upload.previewHeading, { file: <span lang={zh}>{upload.fileName}</span> })}
      </h1>
      <p
        role="alert"
        data-testid="file-altered"
        className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900"
      >
        {fillNodes(messages.security.fileAltered, { file: <span lang={zh}>{fileName}</span> })}
      </p>
      <Link href={`/admin/months/${upload.month}`} className="text-sm text-brand-700 hover:underline">
        {messages.upload.historyLink}
      </Link>
    </div>
  );
}
