// node --conditions=react-server --import tsx scripts/stage-case-upload.ts UPLOAD_ID [--parent-pid=PID]
//
// Stages one transferred case upload (the admin's /admin/cases flow) and records the outcome on
// its CaseUpload row. Started by the server (lib/case-records/upload/process-upload.ts) as a process of
// its own, with DATABASE_URL and CASE_UPLOAD_DIR from the server's environment. --parent-pid:
// end at once when that server dies (lib/case-records/upload/end-with-parent.ts).
import { endWithParent } from "@/lib/case-records/upload/end-with-parent";
import { stageCaseUpload } from "@/lib/case-records/upload/stage-upload";
import { createPrismaClient } from "@/lib/db/prisma-client";

const id = Number(process.argv[2]);
const url = process.env.DATABASE_URL;
if (!Number.isInteger(id) || id <= 0 || !url) {
  console.error("usage: DATABASE_URL=… node --import tsx scripts/stage-case-upload.ts UPLOAD_ID");
  process.exit(2);
}
const parent = process.argv.find((a) => a.startsWith("--parent-pid="));
if (parent) endWithParent(Number(parent.slice("--parent-pid=".length)));
const prisma = createPrismaClient(url, 2);
try {
  await stageCaseUpload(prisma, id);
} finally {
  await prisma.$disconnect();
}
