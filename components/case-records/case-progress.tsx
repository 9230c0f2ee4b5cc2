"use client";

// Where a case upload is, polled every second from GET /api/cases/:id/progress: bytes received
// per file while transferring, then the processing stage and rows read. When it leaves
// TRANSFERRING/PROCESSING the page reloads its server part (the preview).
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useLocale } from "@/components/ui/locale-link";
import type { CaseUploadProgress } from "@/lib/case-records/upload/case-uploads";
import { formatCount } from "@/lib/i18n/format";
import { fill, type Messages } from "@/lib/i18n/messages";
import { labelled } from "@/lib/i18n/punctuation";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function CaseProgress({ t, initial }: { t: Messages["caseImport"]; initial: CaseUploadProgress }) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const locale = useLocale();
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      const response = await fetch(`/api/cases/${initial.id}/progress`, { cache: "no-store" }).catch(() => null);
      if (!response?.ok || stopped) return;
      const next = (await response.json()) as CaseUploadProgress;
      setProgress(next);
      if (next.status !== "TRANSFERRING" && next.status !== "PROCESSING") {
        stopped = true;
        clearInterval(timer);
        router.refresh();
      }
    }, 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [initial.id, router]);

  const stage = progress.stage ? ((t.stage as Record<string, string>)[progress.stage] ?? progress.stage) : null;
  return (
    <section
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      data-testid="case-progress"
      data-status={progress.status}
    >
      <h2 className="font-semibold">{labelled(t.progressHeading, t.status[progress.status], locale)}</h2>
      <ul className="space-y-1">
        {progress.files.map((f, n) => (
          <li key={n}>
            <span>{fill(t.fileProgress, { file: f.name, received: mb(f.received), size: mb(f.size) })}</span>
            <progress max={f.size} value={f.received} className="block h-2 w-full" aria-label={f.name} />
          </li>
        ))}
      </ul>
      {progress.status === "PROCESSING" && (
        <p aria-live="polite" data-testid="case-stage">
          {stage}
          {progress.stage === "read" &&
            progress.progressFile &&
            ` · ${fill(t.readingFile, { file: progress.progressFile })}`}
          {progress.rowsRead > 0 && ` · ${fill(t.rowsRead, { rows: formatCount(progress.rowsRead) })}`}
        </p>
      )}
    </section>
  );
}
