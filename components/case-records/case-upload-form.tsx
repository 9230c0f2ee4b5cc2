"use client";

// The case-import form: opens an upload (POST /api/cases), then sends each file in chunks of
// at most 8 MB (PUT /api/cases/:id?file=N&offset=…, raw bytes) with a progress bar; a 409
// answers where the server is, and the form continues from there. With `resume`, the same
// form continues an unfinished transfer once the admin picks the same files again.
// Why chunks and not one multipart body: lib/case-records/upload/limits.ts.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CASE_CHUNK_BYTES } from "@/lib/case-records/upload/limits";
import type { FormatLocale } from "@/lib/i18n/format";
import { fill, type Messages } from "@/lib/i18n/messages";
import { joinList } from "@/lib/i18n/punctuation";

type Resume = { id: number; month: string; files: Array<{ name: string; size: number; received: number }> };
type ChunkAnswer = { received?: number; error?: string; processing?: boolean };

function putChunk(
  url: string,
  blob: Blob,
  onSent: (bytes: number) => void,
): Promise<{ status: number; body: ChunkAnswer }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => onSent(e.loaded);
    xhr.onload = () => resolve({ status: xhr.status, body: (xhr.response ?? {}) as ChunkAnswer });
    xhr.onerror = () => reject(new Error("network"));
    xhr.send(blob);
  });
}

/** The resume form's refusal of other files, naming the import's files in the page's language. */
export function resumeMismatchMessage(t: Messages["caseImport"], names: string[], locale: FormatLocale): string {
  return fill(t.resumeMismatch, { files: joinList(names, locale) });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function CaseUploadForm({
  t,
  locale,
  resume,
}: {
  t: Messages["caseImport"];
  /** The page's language: file names in a message are joined with its list mark. */
  locale: FormatLocale;
  resume?: Resume;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ label: string; percent: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function transfer(id: number, files: File[], startAt: number[]) {
    const total = files.reduce((s, f) => s + f.size, 0);
    let done = startAt.reduce((s, r) => s + r, 0);
    for (let n = 0; n < files.length; n++) {
      const file = files[n]!;
      let offset = startAt[n] ?? 0;
      let failures = 0;
      while (offset < file.size) {
        const end = Math.min(offset + CASE_CHUNK_BYTES, file.size);
        const show = (sent: number) =>
          setStatus({
            label: fill(t.transferring, { file: file.name, percent: `${Math.floor(((done + sent) / total) * 100)}%` }),
            percent: ((done + sent) / total) * 100,
          });
        show(0);
        let answer: { status: number; body: ChunkAnswer };
        try {
          answer = await putChunk(`/api/cases/${id}?file=${n}&offset=${offset}`, file.slice(offset, end), show);
        } catch {
          // A dropped connection: retry a few times, then stop (the admin can resume later).
          if (++failures > 3) throw new Error(t.networkError);
          await pause(1000 * failures);
          continue;
        }
        if (answer.status === 409 && typeof answer.body.received === "number") {
          done += answer.body.received - offset;
          offset = answer.body.received;
          continue;
        }
        if (answer.status !== 200 || typeof answer.body.received !== "number")
          throw new Error(answer.body.error ?? `HTTP ${answer.status}`);
        done += answer.body.received - offset;
        offset = answer.body.received;
        failures = 0;
      }
    }
    setStatus({ label: t.transferDone, percent: 100 });
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const files = form.getAll("files").filter((f): f is File => f instanceof File && f.size > 0);
    setError(null);
    setBusy(true);
    try {
      let id: number;
      let startAt: number[];
      let ordered: File[];
      if (resume) {
        // Match the chosen files to the upload's by name and size, in the upload's order.
        const matched = resume.files.map((r) => files.find((f) => f.name === r.name && f.size === r.size));
        if (matched.some((f) => !f))
          throw new Error(
            resumeMismatchMessage(
              t,
              resume.files.map((f) => f.name),
              locale,
            ),
          );
        ordered = matched as File[];
        id = resume.id;
        startAt = resume.files.map((f) => f.received);
      } else {
        const response = await fetch("/api/cases", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ month: form.get("month"), files: files.map((f) => ({ name: f.name, size: f.size })) }),
        });
        const body = (await response.json().catch(() => ({}))) as { id?: number; error?: string };
        if (response.status !== 201 || !body.id) throw new Error(body.error ?? `HTTP ${response.status}`);
        id = body.id;
        ordered = files;
        startAt = files.map(() => 0);
      }
      await transfer(id, ordered, startAt);
      router.push(`/admin/cases/${id}`);
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3" data-testid={resume ? "case-resume-form" : "case-upload-form"}>
      {!resume && (
        <label className="block text-sm">
          {t.month}
          <input
            type="month"
            name="month"
            required
            className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
        </label>
      )}
      <label className="block text-sm">
        {t.files}
        <input type="file" name="files" required multiple accept=".csv,.gz,.zip,.xlsx" className="mt-1 block text-sm" />
      </label>
      <button
        type="submit"
        disabled={busy}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {resume ? t.resumeSubmit : t.submit}
      </button>
      {status && (
        <div className="space-y-1" data-testid="case-transfer-progress">
          <progress max={100} value={status.percent} className="h-2 w-full" aria-label={status.label} />
          <p className="text-xs text-slate-600" aria-live="polite">
            {status.label}
          </p>
        </div>
      )}
      {error && (
        <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="case-upload-error">
          {error}
        </p>
      )}
    </form>
  );
}
