// POST /api/v1/cases: the platform pushes a day's batch with a machine token (tokens.ts).
//
// Who may: only a request with `Authorization: Bearer <token>` of an active token scoped
// cases:ingest (401 without one or with an unknown or revoked one, 403 with another scope),
// each as JSON. No session is read. The Origin check every other POST gets (withGuard,
// lib/http/same-origin.ts) is deliberately not applied: it guards a session cookie a browser
// sends by itself, and a bearer token is never sent by itself; a page of another site cannot
// set this header without a CORS preflight, which this route does not answer (tested).
//
// What: the body (request-body.ts) is one file of the batch; ?date=YYYY-MM-DD the day it
// speaks for (default today in China), ?name= the file name its messages use. Answers 200
// { status: "ingested" | "duplicate", … } or 422 { status: "refused", problems } with the
// month import's row-level messages; see docs/api/openapi.json.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { dailyFeedEn, dailyFeedZh } from "@/lib/i18n/messages/daily-feed";
import { type IngestResult, ingestDailyBatch, isIsoDate, todayInChina } from "./ingest";
import { refreshMonthToDate } from "./month-to-date";
import { BodyError, MAX_BODY_BYTES, readBatchBody } from "./request-body";
import { checkBearerToken } from "./tokens";

export type CasesApiDeps = {
  prisma: PrismaClient;
  databaseUrl: () => string;
  /** After a batch changed the month's figures (the app expires its cached pages). */
  afterPublish?: () => Promise<void>;
};

const NO_STORE = { "Cache-Control": "private, no-store" };

type ApiText = keyof typeof dailyFeedZh.api;

function fillText(template: string, extra: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in extra ? String(extra[key]) : whole));
}

/** A JSON answer naming its reason in both languages. */
function answer(status: number, text: ApiText, extra: Record<string, string | number> = {}, body: object = {}) {
  return Response.json(
    {
      ...body,
      error: status >= 400 ? fillText(dailyFeedZh.api[text], extra) : undefined,
      message: fillText(dailyFeedZh.api[text], extra),
      messageEn: fillText(dailyFeedEn.api[text], extra),
    },
    { status, headers: NO_STORE },
  );
}

const SAFE_NAME = /^[\w.\-\u4e00-\u9fff]{1,100}$/;

function resultBody(r: IngestResult) {
  return {
    status: r.status,
    batchId: r.batchId,
    month: r.month,
    asOf: r.asOf,
    sha256: r.sha256,
    cases: r.cases,
    evaluations: r.evaluations,
    items: r.items,
    applied: r.applied,
    stale: r.stale,
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    monthToDate: r.monthToDate ?? null,
    problems: r.problems.map((p) => ({
      code: p.code,
      severity: p.severity,
      title: p.title,
      count: p.count,
      first: p.first.map((f) => ({
        file: f.file,
        row: f.row ?? null,
        column: f.column?.label ?? null,
        message: f.message,
        messageEn: f.messageEn,
      })),
    })),
  };
}

export function casesPostHandler(deps: CasesApiDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const check = await checkBearerToken(deps.prisma, request.headers, "cases:ingest", { path: url.pathname });
    if (!check.ok) {
      const response = answer(check.status, check.reason);
      if (check.status === 401) response.headers.set("WWW-Authenticate", 'Bearer realm="api"');
      return response;
    }
    const asOf = url.searchParams.get("date") ?? todayInChina();
    if (!isIsoDate(asOf)) return answer(400, "badDate");
    const rawName = url.searchParams.get("name") ?? "";
    let dir: string | null = null;
    try {
      const { csv, format } = await readBatchBody(request, MAX_BODY_BYTES);
      const base = SAFE_NAME.test(rawName) ? rawName : format === "ndjson" ? "request.ndjson" : "request.csv";
      // The reader knows a CSV by its name.
      const name = /\.(csv|txt)$/i.test(base) ? base : `${base}.csv`;
      dir = await mkdtemp(path.join(tmpdir(), "daily-batch-"));
      const file = path.join(dir, "batch.csv");
      await writeFile(file, csv);
      const databaseUrl = deps.databaseUrl();
      const result = await ingestDailyBatch(
        deps.prisma,
        { databaseUrl, files: [{ path: file, name }], asOf, source: "API", tokenId: check.tokenId },
        (month, day) => refreshMonthToDate(deps.prisma, { databaseUrl, month, asOf: day }),
      );
      if (result.monthToDate) await deps.afterPublish?.();
      const body = resultBody(result);
      if (result.status === "refused") return answer(422, "refused", { count: result.errorCount }, body);
      if (result.status === "duplicate") return answer(200, "duplicate", { id: result.batchId ?? "" }, body);
      return answer(
        200,
        "ingested",
        { id: result.batchId ?? "", cases: result.cases, applied: result.applied, stale: result.stale },
        body,
      );
    } catch (error) {
      if (error instanceof BodyError)
        return answer(error.status, error.problem, {
          limit: `${Math.round(MAX_BODY_BYTES / 1048576)} MB`,
          ...error.extra,
        });
      throw error;
    } finally {
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  };
}
