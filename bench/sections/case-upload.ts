// The admin's case import over HTTP, as the browser does it (components/case-records/case-upload-form.tsx):
// the generated 2021-06 month (1,281,854 cases, of which 1,048,052 applications; 757,900
// evaluations; 1,821 catalogue items; ~235 MB of CSV) sent to the running built app in 8 MB
// chunks (POST /api/cases, PUT /api/cases/:id?file=N&offset=…), then processed in the app's
// own process (stageCaseImport) while the bench polls GET /api/cases/:id/progress. Measured:
// transfer time, processing time, and the RSS of the app server and of the staging process it
// starts (sampled every 100 ms from /proc/<pid>/status; the server is the pid listening on the app's port). Staged, not published:
// the bench's 2021-06 stays as the other sections read it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { open, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateMonthRecords } from "@/lib/case-records/import/reference-generator";
import { CASE_CHUNK_BYTES } from "@/lib/case-records/upload/limits";
import { referenceMonth } from "@/lib/demo-data/reference-month";
import type { BenchContext, BenchSection } from "../types";

/** The pid listening on the app's port (ss -ltnp), i.e. the Next server process. */
function serverPid(baseUrl: string): number | null {
  const port = new URL(baseUrl).port;
  try {
    const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
    const pid = /pid=(\d+)/.exec(out)?.[1];
    return pid ? Number(pid) : null;
  } catch {
    return null;
  }
}

/** The pids of the server's child processes (the staging process: lib/case-records/upload/process-upload.ts). */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

const section: BenchSection = {
  id: "case-upload",
  order: 46,
  async run(ctx: BenchContext) {
    const dir = mkdtempSync(path.join(tmpdir(), "bench-case-upload-"));
    try {
      ctx.log("case-upload: generating the 2021-06 records");
      const generated = await generateMonthRecords({ outDir: dir, units: referenceMonth.rows });
      const files = await Promise.all(
        [generated.cases, generated.evaluations, generated.catalogue].map(async (p) => ({
          path: p,
          name: path.basename(p),
          size: (await stat(p)).size,
        })),
      );
      const totalBytes = files.reduce((s, f) => s + f.size, 0);
      const pid = serverPid(ctx.baseUrl);
      if (!pid) throw new Error("case-upload: no process found listening on the app's port");
      const baselineMb = rssMb(pid);
      let peakMb = baselineMb;
      let peakTransferMb = baselineMb;
      let peakStagingMb = 0;
      let phase: "transfer" | "process" = "transfer";
      const sampler = setInterval(() => {
        const now = rssMb(pid);
        peakMb = Math.max(peakMb, now);
        if (phase === "transfer") peakTransferMb = Math.max(peakTransferMb, now);
        for (const child of childPids(pid)) peakStagingMb = Math.max(peakStagingMb, rssMb(child));
      }, 100);
      const cookie = ctx.adminCookie;
      try {
        const started = performance.now();
        const created = await fetch(`${ctx.baseUrl}/api/cases`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify({ month: ctx.month, files: files.map((f) => ({ name: f.name, size: f.size })) }),
        });
        if (created.status !== 201) throw new Error(`POST /api/cases: ${created.status} ${await created.text()}`);
        const { id } = (await created.json()) as { id: number };
        let chunks = 0;
        const buffer = Buffer.alloc(CASE_CHUNK_BYTES);
        for (const [n, file] of files.entries()) {
          const handle = await open(file.path, "r");
          try {
            for (let offset = 0; offset < file.size; ) {
              const { bytesRead } = await handle.read(buffer, 0, CASE_CHUNK_BYTES, offset);
              const response = await fetch(`${ctx.baseUrl}/api/cases/${id}?file=${n}&offset=${offset}`, {
                method: "PUT",
                headers: { "content-type": "application/octet-stream", cookie },
                body: buffer.subarray(0, bytesRead),
              });
              if (response.status !== 200)
                throw new Error(`PUT chunk ${n}@${offset}: ${response.status} ${await response.text()}`);
              offset = ((await response.json()) as { received: number }).received;
              chunks++;
            }
          } finally {
            await handle.close();
          }
        }
        const transferred = performance.now();
        phase = "process";
        ctx.log(`case-upload: ${chunks} chunks in ${((transferred - started) / 1000).toFixed(1)} s; processing`);
        let status = "PROCESSING";
        for (;;) {
          const progress = (await (
            await fetch(`${ctx.baseUrl}/api/cases/${id}/progress`, { headers: { cookie } })
          ).json()) as { status: string; message: string | null };
          status = progress.status;
          if (status !== "PROCESSING" && status !== "TRANSFERRING") {
            if (status !== "STAGED") throw new Error(`case-upload: ended ${status}: ${progress.message ?? ""}`);
            break;
          }
          await new Promise((r) => setTimeout(r, 250));
        }
        const processed = performance.now();
        const upload = await ctx.prisma.caseUpload.findUniqueOrThrow({ where: { id } });
        const imported = await ctx.prisma.caseImport.findUniqueOrThrow({ where: { id: upload.caseImportId! } });
        const timings = ((imported.report as { timings?: Record<string, number> } | null)?.timings ?? {}) as Record<
          string,
          number
        >;
        const transferS = (transferred - started) / 1000;
        const processS = (processed - transferred) / 1000;
        const rows = [
          {
            step: "transfer (8 MB chunks over HTTP, to disk)",
            seconds: transferS,
            note: `${chunks} chunks, ${(totalBytes / 1024 / 1024 / transferS).toFixed(0)} MB/s`,
          },
          ...Object.entries(timings).map(([stage, s]) => ({ step: `processing: ${stage}`, seconds: s, note: "" })),
          {
            step: "processing (queued → STAGED, seen by polling)",
            seconds: processS,
            note: `${imported.caseCount} cases, ${imported.evaluationCount} evaluations`,
          },
          {
            step: "end to end",
            seconds: transferS + processS,
            note: `${(totalBytes / 1024 / 1024).toFixed(0)} MB in 3 files`,
          },
        ];
        return {
          title: "Case import through the admin's HTTP endpoints (2021-06 as records)",
          columns: [
            { key: "step", label: "step" },
            { key: "seconds", label: "time", unit: "s", digits: 1 },
            { key: "note", label: "" },
          ],
          rows,
          budgets: [
            {
              name: "app server peak RSS during the upload and processing",
              limit: "≤ 512 MB",
              actual: `${peakMb.toFixed(0)} MB`,
              ok: peakMb <= 512,
            },
            {
              name: "staging process peak RSS (the import itself)",
              limit: "≤ 512 MB",
              actual: `${peakStagingMb.toFixed(0)} MB`,
              ok: peakStagingMb > 0 && peakStagingMb <= 512,
            },
            {
              name: "app RSS growth during the transfer",
              limit: "≤ 128 MB",
              actual: `${(peakTransferMb - baselineMb).toFixed(0)} MB`,
              ok: peakTransferMb - baselineMb <= 128,
            },
          ],
          notes: [
            `app RSS before ${baselineMb.toFixed(0)} MB, peak during transfer ${peakTransferMb.toFixed(0)} MB, peak during processing ${peakMb.toFixed(0)} MB (pid ${pid}); the staging process's peak ${peakStagingMb.toFixed(0)} MB.`,
          ],
          details: {
            baselineMb,
            peakTransferMb,
            peakMb,
            peakStagingMb,
            transferS,
            processS,
            chunks,
            totalBytes,
            timings,
          },
        };
      } finally {
        clearInterval(sampler);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default section;
