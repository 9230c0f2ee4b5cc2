// Dev aid: renders the 2021-06 bulletin from the reference JSON (with the demo 2021-05 the
// seed generates as its previous month) to .docx and .pdf, for a look by eye.
//
//   node --conditions=react-server --import tsx scripts/render-bulletin.ts [outDir]   (default /tmp)
//   pdftoppm -png -r 60 /tmp/bulletin-2021-06.pdf /tmp/bulletin-2021-06              (pages as PNG)
import { writeFileSync } from "node:fs";
import path from "node:path";
import { type BulletinMonth, buildBulletin } from "@/lib/bulletin/build/bulletin";
import { REFERENCE_BULLETIN_TEXTS } from "@/lib/bulletin/build/texts";
import { renderBulletinDocx } from "@/lib/bulletin/render/render-docx";
import { renderBulletinPdf } from "@/lib/bulletin/render/render-pdf";
import { type DemoBaseRow, generateDemoMonth } from "@/lib/demo-data/demo-months";
import { referencePreviousMonthAnchor } from "@/lib/demo-data/reference-month";
import { referenceMonthFromJson, type StatRow } from "../lib/indicators";
import { ANNEX_FIELDS, emptyReportedSummary, type ReportedSummary, type SummaryScope } from "../lib/indicators/types";
import reference from "../prisma/reference/2021-06.json" with { type: "json" };

const outDir = process.argv[2] ?? "/tmp";
const ref = referenceMonthFromJson(reference);
const current: BulletinMonth = {
  month: ref.month,
  isDemo: false,
  versionNumber: 1,
  rows: ref.rows,
  summaries: ref.summaries,
};

// The demo May exactly as seedDatabase makes it (unit ids here are row indexes).
const base: DemoBaseRow[] = ref.rows.map((row, index) => {
  const out = { unitId: index, seq: row.seq, kind: row.kind } as DemoBaseRow;
  for (const field of ANNEX_FIELDS) out[field] = row[field];
  return out;
});
const demo = generateDemoMonth("2021-05", 1, base, referencePreviousMonthAnchor);
const previous: BulletinMonth = {
  month: "2021-05",
  isDemo: true,
  versionNumber: 1,
  rows: demo.stats.map((stat) => {
    const row = ref.rows[stat.unitId]!;
    const out: StatRow = {
      ...row,
      completedInclBatch: stat.completedInclBatch ?? null,
      activeEvaluationRateReported: null,
    };
    for (const field of ANNEX_FIELDS) out[field] = stat[field];
    return out;
  }),
  summaries: Object.fromEntries(
    demo.summaries.map((s) => [s.scope, { ...emptyReportedSummary(s.scope), ...s } satisfies ReportedSummary]),
  ) as Partial<Record<SummaryScope, ReportedSummary>>,
};

const bulletin = buildBulletin({ current, previous, texts: REFERENCE_BULLETIN_TEXTS });
for (const [ext, render] of [
  ["docx", renderBulletinDocx],
  ["pdf", renderBulletinPdf],
] as const) {
  const started = performance.now();
  const bytes = await render(bulletin);
  const file = path.join(outDir, `bulletin-${bulletin.month}.${ext}`);
  writeFileSync(file, bytes);
  console.log(`${file}: ${bytes.length} bytes in ${Math.round(performance.now() - started)} ms`);
}
