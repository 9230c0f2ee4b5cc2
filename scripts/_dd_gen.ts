import { generateMonthRecords } from "@/lib/cases/reference-generator";
import { referenceMonth } from "@/lib/seed/reference-month";
const month = process.argv[2]!;
const r = await generateMonthRecords({ outDir: `/tmp/dd/${month}`, units: referenceMonth.rows, month });
console.log(JSON.stringify(r));
