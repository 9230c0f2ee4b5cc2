"use client";

// The upload form: XMLHttpRequest so the browser reports real upload progress; the server
// answers with the staged upload's preview URL, or the problems (rendered as text).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useLocale } from "@/components/ui/locale-link";
import { localePath } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";
import type { ValidationProblem } from "@/lib/validation";

type Answer = { kind?: string; url?: string; message?: string; problems?: ValidationProblem[] };

export function UploadForm({ t }: { t: Messages["upload"] }) {
  const router = useRouter();
  const locale = useLocale();
  const [progress, setProgress] = useState<number | null>(null);
  const [phase, setPhase] = useState<"idle" | "sending" | "checking">("idle");
  const [answer, setAnswer] = useState<Answer | null>(null);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/uploads");
    xhr.responseType = "json";
    setAnswer(null);
    setPhase("sending");
    setProgress(0);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.upload.onload = () => {
      setProgress(100);
      setPhase("checking");
    };
    xhr.onload = () => {
      const body = (xhr.response ?? {}) as Answer;
      if (xhr.status === 201 && body.url) {
        // Staged: the progress stays (checked, opening the preview) and the button disabled
        // until the preview has loaded, so a second click cannot send the files again.
        router.push(localePath(locale, body.url));
        return;
      }
      setPhase("idle");
      setAnswer({
        ...body,
        message: body.message ?? (xhr.status >= 400 && !body.problems ? `HTTP ${xhr.status}` : undefined),
      });
    };
    xhr.onerror = () => {
      setPhase("idle");
      setAnswer({ message: t.networkError });
    };
    xhr.send(data);
  }

  return (
    <form onSubmit={submit} className="space-y-3" data-testid="upload-form">
      <label className="block text-sm">
        {t.file}
        <input type="file" name="file" required multiple accept=".xlsx,.csv,.txt" className="mt-1 block text-sm" />
      </label>
      <label className="block text-sm">
        {t.month}
        <input
          type="month"
          name="month"
          className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
      </label>
      <button
        type="submit"
        disabled={phase !== "idle"}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {t.submit}
      </button>
      {progress !== null && phase !== "idle" && (
        <div className="space-y-1" data-testid="upload-progress">
          <progress max={100} value={progress} className="h-2 w-full" aria-label={t.uploading} />
          <p className="text-xs text-slate-600">{phase === "sending" ? `${t.uploading} ${progress}%` : t.checking}</p>
        </div>
      )}
      {answer && (
        <div role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="upload-answer">
          {answer.kind === "duplicate" && <p className="font-semibold">{t.duplicate}</p>}
          {answer.message && <p>{answer.message}</p>}
          {answer.url && answer.kind === "duplicate" && (
            <a href={localePath(locale, answer.url)} className="underline">
              {answer.url}
            </a>
          )}
          {answer.problems && (
            <>
              <p className="font-semibold">{t.rejected}</p>
              {/* What refused the file first, apart; warnings and notes after, in their own colour. */}
              <ul className="list-disc pl-5 font-medium" data-testid="upload-errors">
                {answer.problems
                  .filter((p) => p.severity === "error")
                  .map((p, i) => (
                    <li key={i} data-code={p.code} data-severity="error">
                      {p.message}
                    </li>
                  ))}
              </ul>
              {answer.problems.some((p) => p.severity !== "error") && (
                <ul
                  className="mt-2 list-disc rounded bg-amber-50 py-1 pl-5 text-amber-900"
                  data-testid="upload-warnings"
                >
                  {answer.problems
                    .filter((p) => p.severity !== "error")
                    .map((p, i) => (
                      <li key={i} data-code={p.code} data-severity={p.severity}>
                        {p.message}
                      </li>
                    ))}
                </ul>
              )}
            </>
          )}
        </div>
      )}
    </form>
  );
}
