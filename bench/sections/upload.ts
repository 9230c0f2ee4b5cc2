// Upload to published: a 50-row month (the reference month's 49 units as the flat template)
// and a 5,000-row workbook (5,000 units made for it), each staged (parse, validate, store)
// and published (re-check, one transaction: new version + rows + audit) by lib/annex-upload, on a
// private throwaway database beside the bench's (so its 5,000 units never reach the pages
// measured by other sections). Baseline, same run: a plain INSERT of the same rows
// (MonthlyStat createMany, one statement batch, no parsing, no checks). Also: POST
// /api/uploads of the 50-row file over HTTP to the running app as the admin (staging only).
import { buildTemplateWorkbook, type TemplateUnit, workbookBytes } from "@/lib/annex-upload/parse";
import { publishUpload } from "@/lib/annex-upload/publish-upload";
import { stageUpload } from "@/lib/annex-upload/stage-upload";
import { seedDatabase } from "@/lib/demo-data/seed-database";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { referenceMonthFromJson } from "@/lib/indicators";
import { ANNEX_FIELDS } from "@/lib/indicators/types";
import reference from "@/prisma/reference/2021-06.json" with { type: "json" };
import { createTestDatabase } from "@/test/helpers/database";
import { median, timed } from "../harness";
import type { BenchContext, BenchSection, Row } from "../types";

const LIMITS = { maxRows: 10_000, maxBytes: 50 * 1024 * 1024 };

async function measureOnce(db: PrismaClient, month: string, units: TemplateUnit[], adminId: number) {
  const bytes = await workbookBytes(buildTemplateWorkbook({ month, units }));
  const stage = await timed(() =>
    stageUpload(db, { fileName: `${month}.xlsx`, bytes, uploadedById: adminId, limits: LIMITS }),
  );
  if (stage.value.kind !== "staged")
    throw new Error(`bench upload ${month} not staged: ${JSON.stringify(stage.value).slice(0, 400)}`);
  const uploadId = stage.value.uploadId;
  const publish = await timed(() =>
    publishUpload(db, { uploadId, actorId: adminId, acknowledgeWarnings: true, acknowledgeGaps: true, limits: LIMITS }),
  );
  if (!publish.value.ok) throw new Error(`bench publish ${month}: ${publish.value.message}`);
  // Baseline: the same rows as a plain INSERT (into a bare version of a scratch month).
  const stats = await db.monthlyStat.findMany({
    where: { versionId: publish.value.versionId },
    omit: { id: true, versionId: true, month: true },
  });
  const scratch = `29${month.slice(2)}`;
  await db.reportMonth.upsert({ where: { month: scratch }, create: { month: scratch }, update: {} });
  const last = await db.monthVersion.aggregate({ where: { month: scratch }, _max: { number: true } });
  const version = await db.monthVersion.create({
    data: { month: scratch, number: (last._max.number ?? 0) + 1, origin: "UPLOAD" },
  });
  const insert = await timed(() =>
    db.monthlyStat.createMany({ data: stats.map((s) => ({ ...s, versionId: version.id, month: scratch })) }),
  );
  return { bytes: bytes.byteLength, stageMs: stage.ms, publishMs: publish.ms, insertMs: insert.ms };
}

const section: BenchSection = {
  id: "upload",
  order: 40,
  async run(ctx: BenchContext) {
    const runs = ctx.quick ? 2 : 4;
    process.env.TEST_DATABASE_URL ??= ctx.databaseUrl;
    const db = await createTestDatabase();
    try {
      await seedDatabase(db.prisma, { demoMonths: 0 });
      const adminId = (await db.prisma.user.findFirstOrThrow({ where: { role: "SYSTEM_ADMIN" } })).id;
      const ref = referenceMonthFromJson(reference);
      const small: TemplateUnit[] = ref.rows;
      // 5,000 units: the reference rows repeated under new names (departments).
      const big: TemplateUnit[] = Array.from({ length: 5_000 }, (_, i) => {
        const r = ref.rows[i % ref.rows.length]!;
        const unit = {
          ...r,
          unitName: `基准单位${String(i + 1).padStart(4, "0")}`,
          kind: "DEPARTMENT" as const,
          seq: i + 1,
        } as TemplateUnit & Record<string, unknown>;
        for (const f of ANNEX_FIELDS) unit[f] = r[f];
        return unit;
      });
      await db.prisma.unit.createMany({
        data: big.map((u, i) => ({
          code: `b${i + 1}`,
          name: u.unitName,
          kind: "DEPARTMENT" as const,
          sortOrder: 1000 + i,
        })),
      });

      const rows: Row[] = [];
      const details: Record<string, unknown> = {};
      for (const [label, units, rowsCount] of [
        ["50-row month", small, small.length],
        ["5,000-row workbook", big, big.length],
      ] as const) {
        const results = [];
        // The 50-row month validates against the 49 reference units only; the big one against all.
        for (let i = 0; i < runs; i++)
          results.push(
            await measureOnce(
              db.prisma,
              `${2000 + i}-${rowsCount > 100 ? "02" : "01"}`,
              units as TemplateUnit[],
              adminId,
            ),
          );
        const stage = median(results.map((r) => r.stageMs));
        const publish = median(results.map((r) => r.publishMs));
        const insert = median(results.map((r) => r.insertMs));
        rows.push({
          case: label,
          rows: rowsCount,
          kB: Math.round(results[0]!.bytes / 1024),
          stage,
          publish,
          total: stage + publish,
          insert,
          ratio: (stage + publish) / insert,
        });
        details[label] = results;
      }

      // Over HTTP to the running app (staging only: parse, validate, store; the admin's cookie).
      const small50 = Buffer.from(await workbookBytes(buildTemplateWorkbook({ month: "2001-01", units: small })));
      const http: number[] = [];
      for (let i = 0; i < runs; i++) {
        const body = new FormData();
        body.set("file", new Blob([small50]), `bench-${i}.xlsx`);
        const { ms, value } = await timed(async () => {
          const response = await fetch(`${ctx.baseUrl}/api/uploads`, {
            method: "POST",
            body,
            headers: { cookie: ctx.adminCookie },
          });
          await response.arrayBuffer();
          return response.status;
        });
        if (value !== 201 && value !== 409) throw new Error(`POST /api/uploads: ${value}`);
        http.push(ms);
      }
      details.httpStage50 = http;
      return {
        title: "Upload → published (lib/annex-upload, own database)",
        columns: [
          { key: "case", label: "case" },
          { key: "rows", label: "rows" },
          { key: "kB", label: "file", unit: "kB" },
          { key: "stage", label: "stage", unit: "ms" },
          { key: "publish", label: "publish", unit: "ms" },
          { key: "total", label: "upload→published", unit: "ms" },
          { key: "insert", label: "plain INSERT", unit: "ms" },
          { key: "ratio", label: "× INSERT", digits: 1 },
        ],
        rows,
        notes: [
          `median of ${runs} runs each; stage = parse + validate + store the file; publish = re-check + one transaction (version, rows, audit)`,
          `plain INSERT = MonthlyStat createMany of the same rows, same database, same run`,
          `POST /api/uploads of the 50-row file over HTTP (stage only): median ${median(http).toFixed(0)} ms`,
        ],
        details,
      };
    } finally {
      await db.drop();
    }
  },
};

export default section;
