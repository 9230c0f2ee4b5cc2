// Publishing a staged upload: the stored bytes are checked again (with the admin's unit
// mappings), then in ONE transaction that first locks the month's row (lockMonth) and only then
// reads the month's current version and the upload's status: an upload already published, or a
// preview checked against a version that is no longer current (another admin published in
// between), is refused with a message and nothing is written. Otherwise: new units and aliases
// the mappings ask for, a new MonthVersion (origin UPLOAD) made current, the upload COMMITTED,
// the upload behind the replaced version SUPERSEDED, and the audit event naming the version
// really replaced. Any failure leaves the previous version current and complete. The caller
// revalidates the pages afterwards.

import { toStatInputs, type UploadLimits } from "@/lib/annex-upload/parse";
import { recordAuditEvent } from "@/lib/audit";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { fill, getMessages, type Locale } from "@/lib/i18n/messages";
import { bulletinGaps, gapKeys, toReportedSummaries } from "@/lib/indicators/completeness";
import { REPORTED_SUMMARY_FIELDS, type ReportedSummaryField, type SummaryScope } from "@/lib/indicators/types";
import { type CurrentVersion, createMonthVersion, lockMonth, type SummaryInput } from "@/lib/month-versions";
import { unitNameKey } from "@/lib/spreadsheet/normalize";
import { checkUpload, NEW_UNIT_PREFIX, type UnitMappings } from "./check-upload";
import { reportOf } from "./stage-upload";
import { firstAlteredFile, refuseAlteredFile } from "./stored-files";

/** An upload's stored files, in the order they were sent, as lib/annex-upload/parse reads them. */
export function storedFiles(
  files: ReadonlyArray<{ position: number; fileName: string; content: Uint8Array }>,
): Array<{ fileName: string; bytes: Uint8Array }> {
  return [...files].sort((a, b) => a.position - b.position).map((f) => ({ fileName: f.fileName, bytes: f.content }));
}

export type SummaryForm = Partial<Record<SummaryScope, Partial<Record<ReportedSummaryField, number>>>>;
export const SUMMARY_SCOPES: SummaryScope[] = ["CITY", "MUNICIPAL", "DISTRICTS"];

export type PublishInput = {
  uploadId: number;
  actorId: number | null;
  acknowledgeWarnings: boolean;
  /**
   * The admin has seen the bulletin figures this month would leave blank or estimated
   * (lib/indicators/completeness.ts) and publishes anyway; recorded in the audit.
   */
  acknowledgeGaps?: boolean;
  mappings?: UnitMappings;
  summaryForm?: SummaryForm;
  /**
   * The version the admin's preview was checked against (null: the month had none). Absent:
   * the version current when the upload was staged (Upload.baseVersionId).
   */
  baseVersionId?: number | null;
  /**
   * The annex is generated demo data (the seed's demo month, lib/demo-data/demo-case-month.ts):
   * the month is stored as demo (badged 示例数据). Never set for an admin's upload.
   */
  isDemo?: boolean;
  /** Overrides lib/annex-upload/parse's limits (the bench's 5,000-row workbook); the app uses the defaults. */
  limits?: Partial<UploadLimits>;
  /** The language of a refusal that has one in both (a stored file altered). */
  locale?: Locale;
};

export type PublishResult =
  | { ok: true; month: string; versionId: number; number: number }
  | {
      ok: false;
      reason:
        | "not-found"
        | "not-staged"
        | "stale-preview"
        | "errors"
        | "unacknowledged"
        | "gapsUnacknowledged"
        | "altered";
      message: string;
    };

/** Test-only seam: runs inside the transaction after the version's rows are written. */
export type PublishHooks = { afterVersion?: (tx: Prisma.TransactionClient) => Promise<void> };

/** The file's summary figures with the form's on top (the form wins, field by field). */
export function mergeSummaries(fromFile: readonly SummaryInput[], form: SummaryForm | undefined): SummaryInput[] {
  const out: SummaryInput[] = [];
  for (const scope of SUMMARY_SCOPES) {
    const file = fromFile.find((s) => s.scope === scope) ?? { scope };
    const typed = form?.[scope] ?? {};
    const merged = {
      ...file,
      ...Object.fromEntries(Object.entries(typed).filter(([, v]) => typeof v === "number" && Number.isFinite(v))),
    } as SummaryInput;
    if (Object.keys(merged).some((k) => k !== "scope" && (REPORTED_SUMMARY_FIELDS as readonly string[]).includes(k)))
      out.push(merged);
  }
  return out;
}

async function nextUnitCode(
  tx: Prisma.TransactionClient,
  kind: "DEPARTMENT" | "DISTRICT",
): Promise<{ code: string; sortOrder: number }> {
  const prefix = kind === "DEPARTMENT" ? "d" : "x";
  const units = await tx.unit.findMany({ where: { kind }, select: { code: true, sortOrder: true } });
  const numbers = units.map((u) => Number(u.code.slice(1))).filter(Number.isFinite);
  const next = Math.max(0, ...numbers) + 1;
  return {
    code: `${prefix}${String(next).padStart(2, "0")}`,
    sortOrder: Math.max(0, ...units.map((u) => u.sortOrder)) + 1,
  };
}

type Refusal = Extract<PublishResult, { ok: false }>;

/** Why an upload that is not STAGED cannot be published (again). */
function notStaged(upload: { month: string; status: string; version: { number: number } | null }): Refusal {
  const t = getMessages().publishing;
  const values = { month: upload.month, number: upload.version?.number ?? "?" };
  const message =
    upload.status === "REJECTED"
      ? t.rejected
      : fill(upload.status === "SUPERSEDED" ? t.alreadySuperseded : t.alreadyPublished, values);
  return { ok: false, reason: "not-staged", message };
}

/** The preview was checked against `base`; refused when another version is current now. */
function stalePreview(
  month: string,
  base: number | null,
  current: CurrentVersion | null,
  baseNumber: number | null,
): Refusal | null {
  if ((current?.id ?? null) === base) return null;
  const t = getMessages().publishing;
  const values = { month, base: baseNumber ?? "?", current: current?.number ?? "?" };
  return {
    ok: false,
    reason: "stale-preview",
    message: fill(base === null ? t.stalePreviewNoBase : t.stalePreview, values),
  };
}

export async function publishUpload(
  db: PrismaClient,
  input: PublishInput,
  hooks: PublishHooks = {},
): Promise<PublishResult> {
  const upload = await db.upload.findUnique({
    where: { id: input.uploadId },
    include: { files: { orderBy: { position: "asc" } }, version: { select: { number: true } } },
  });
  if (!upload) return { ok: false, reason: "not-found", message: getMessages().publishing.notFound };
  if (upload.status !== "STAGED") return notStaged(upload);
  // The bytes are the ones staged, or nothing is published from them.
  const altered = firstAlteredFile(upload.files);
  if (altered)
    return {
      ok: false,
      reason: "altered",
      message: await refuseAlteredFile(db, input.actorId, upload.month, altered, input.locale),
    };
  const baseVersionId = input.baseVersionId !== undefined ? input.baseVersionId : upload.baseVersionId;
  const mappings = input.mappings ?? ((upload.unitMappings ?? {}) as UnitMappings);
  const summaryForm = input.summaryForm ?? ((upload.summaryForm ?? undefined) as SummaryForm | undefined);
  const check = await checkUpload(db, storedFiles(upload.files), {
    month: upload.month,
    mappings,
    limits: input.limits,
  });
  const { validation } = check;
  if (!validation.canPublish)
    return { ok: false, reason: "errors", message: `文件仍有 ${validation.errorCount} 个错误，未发布。` };
  if (validation.warningCount > 0 && !input.acknowledgeWarnings) {
    return { ok: false, reason: "unacknowledged", message: `请先确认 ${validation.warningCount} 条警告，再发布。` };
  }
  const month = upload.month;
  const summaries = mergeSummaries(validation.summaries, summaryForm);
  const gaps = bulletinGaps(validation.rows, toReportedSummaries(summaries));
  if (gaps.length > 0 && !input.acknowledgeGaps) {
    return {
      ok: false,
      reason: "gapsUnacknowledged",
      message: `本月通报将有 ${gaps.length} 项数字空缺或为估算（见“通报完整性”），请勾选确认后再发布，或在“通报数据”中补填。`,
    };
  }

  const result = await db.$transaction(
    async (tx): Promise<Refusal | { versionId: number; number: number }> => {
      // Lock first, then read: a concurrent publisher of this month waits here for the other to
      // commit, and then sees its version and its upload's new status.
      const before = await lockMonth(tx, month, false);
      const fresh = await tx.upload.findUniqueOrThrow({
        where: { id: upload.id },
        select: { month: true, status: true, version: { select: { number: true } } },
      });
      if (fresh.status !== "STAGED") return notStaged(fresh);
      const baseNumber =
        baseVersionId === null
          ? null
          : ((await tx.monthVersion.findUnique({ where: { id: baseVersionId }, select: { number: true } }))?.number ??
            null);
      const stale = stalePreview(month, baseVersionId, before, baseNumber);
      if (stale) return stale;
      const units = await tx.unit.findMany({ select: { id: true, code: true } });
      const idByCode = new Map(units.map((u) => [u.code, u.id]));
      // Mappings: new units are created; names mapped to existing units become aliases.
      for (const [name, target] of Object.entries(check.applied)) {
        if (target.startsWith(NEW_UNIT_PREFIX)) {
          const kind = target.slice(NEW_UNIT_PREFIX.length) === "DISTRICT" ? "DISTRICT" : "DEPARTMENT";
          const { code, sortOrder } = await nextUnitCode(tx, kind);
          const created = await tx.unit.create({ data: { code, name, kind, sortOrder } });
          idByCode.set(`${NEW_UNIT_PREFIX}${name}`, created.id);
        } else if (idByCode.has(target)) {
          await tx.unitAlias.upsert({
            where: { aliasKey: unitNameKey(name) },
            create: {
              aliasKey: unitNameKey(name),
              alias: name,
              unitId: idByCode.get(target)!,
              createdById: input.actorId,
            },
            update: { unitId: idByCode.get(target)! },
          });
        }
      }
      const version = await createMonthVersion(tx, {
        month,
        origin: "UPLOAD",
        isDemo: input.isDemo === true,
        stats: toStatInputs(validation.units, idByCode),
        summaries,
        createdById: input.actorId,
        uploadId: upload.id,
        note: upload.fileName,
      });
      await hooks.afterVersion?.(tx);
      await tx.upload.update({
        where: { id: upload.id },
        data: {
          status: "COMMITTED",
          acknowledgedWarnings: validation.warningCount > 0,
          publishedAt: new Date(),
          unitMappings: mappings,
          summaryForm: (summaryForm ?? undefined) as Prisma.InputJsonValue | undefined,
          validationReport: reportOf(validation.problems, {
            rowCount: validation.rows.length,
            errorCount: 0,
            warningCount: validation.warningCount,
          }),
        },
      });
      if (before?.uploadId) await tx.upload.update({ where: { id: before.uploadId }, data: { status: "SUPERSEDED" } });
      await recordAuditEvent(tx, {
        actorId: input.actorId,
        action: "month.publish",
        month,
        targetType: "MonthVersion",
        targetId: String(version.versionId),
        details: {
          uploadId: upload.id,
          fileName: upload.fileName,
          sha256: upload.sha256,
          files: upload.files.map((f) => ({ fileName: f.fileName, sha256: f.sha256, sizeBytes: f.sizeBytes })),
          version: version.number,
          previousVersion: before?.number ?? null,
          checkedAgainstVersion: baseNumber,
          rows: validation.rows.length,
          warnings: validation.warningCount,
          // The figures published blank or estimated, acknowledged by the admin.
          gapsAcknowledged: gapKeys(gaps),
        },
      });
      return { versionId: version.versionId, number: version.number };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  if ("ok" in result) return result;
  return { ok: true, month, versionId: result.versionId, number: result.number };
}
