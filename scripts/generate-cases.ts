// npm run cases:generate -- --out DIR [--gzip] [--only=departments|districts]
// Writes the 2021-06 month as the platform's records (办件明细, 好差评, 实施清单) whose counts
// aggregate exactly to the reference annex (lib/case-records/import/reference-generator.ts).
import { mkdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { generateMonthRecords } from "@/lib/case-records/import/reference-generator";
import { referenceMonth } from "@/lib/demo-data/reference-month";

const { values } = parseArgs({
  options: { out: { type: "string" }, gzip: { type: "boolean" }, only: { type: "string" } },
});
if (!values.out) {
  console.error("usage: npm run cases:generate -- --out DIR [--gzip] [--only=departments|districts]");
  process.exit(2);
}
mkdirSync(values.out, { recursive: true });
const units = referenceMonth.rows.filter(
  (r) => !values.only || (values.only === "departments" ? r.kind === "DEPARTMENT" : r.kind === "DISTRICT"),
);
const started = performance.now();
const result = await generateMonthRecords({ outDir: values.out, units, gzip: values.gzip ?? false });
console.log(JSON.stringify({ ...result, seconds: Math.round(performance.now() - started) / 1000 }, null, 2));
