"use client";

// The idle warning (issue 22): a minute before the session's idle time runs out, a modal dialog
// says so, with 继续 (which tells the server: POST /api/session/keepalive) and 退出登录. When the
// time is up the page is loaded again, and the server — which enforces the idle time whether or
// not this dialog ever ran (lib/access/session-activity.ts) — sends it to sign-in.
//
// The clock starts when the page is loaded or the route changes (each is a request the server
// counted) and again after 继续. Checked once a second against Date.now(), so a tab that slept
// or a test's fast-forwarded clock is judged by the time, not by how many timers ran.
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useLocale } from "@/components/ui/locale-link";
import { signOutAction } from "@/lib/access/actions/sign-out";
import { fill } from "@/lib/i18n/fill";
import { idleEn, idleZhCN } from "@/lib/i18n/messages/sessions";

const WARN_BEFORE_MS = 60_000;

export function IdleWarning({ idleSeconds }: { idleSeconds: number }) {
  const locale = useLocale();
  const t = locale === "en" ? idleEn : idleZhCN;
  const pathname = usePathname();
  const dialog = useRef<HTMLDialogElement>(null);
  const continueButton = useRef<HTMLButtonElement>(null);
  const lastContact = useRef(Date.now());
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const titleId = useId();
  const bodyId = useId();

  // A route change is a request to the server: the idle time starts again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger, not an input
  useEffect(() => {
    lastContact.current = Date.now();
    setSecondsLeft(null);
  }, [pathname]);

  useEffect(() => {
    const idleMs = idleSeconds * 1000;
    const timer = setInterval(() => {
      const elapsed = Date.now() - lastContact.current;
      if (elapsed >= idleMs) {
        clearInterval(timer);
        window.location.reload();
        return;
      }
      setSecondsLeft(elapsed >= idleMs - WARN_BEFORE_MS ? Math.ceil((idleMs - elapsed) / 1000) : null);
    }, 1000);
    return () => clearInterval(timer);
  }, [idleSeconds]);

  const open = secondsLeft !== null;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      // The dialog's main action has the focus (React's autoFocus sets no attribute for showModal to find).
      continueButton.current?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);

  const renew = useCallback(async () => {
    const response = await fetch("/api/session/keepalive", { method: "POST", credentials: "same-origin" }).catch(
      () => null,
    );
    if (!response?.ok) {
      window.location.reload();
      return;
    }
    lastContact.current = Date.now();
    setSecondsLeft(null);
  }, []);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid="idle-warning"
      // Escape would close the dialog without renewing: it renews, as 继续 does.
      onCancel={(event) => {
        event.preventDefault();
        void renew();
      }}
      className="m-auto w-[min(24rem,calc(100vw-2rem))] rounded-lg border border-slate-300 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id={titleId} className="text-base font-semibold">
        {t.title}
      </h2>
      <p id={bodyId} className="mt-2 text-sm text-slate-700">
        {fill(t.body, { seconds: secondsLeft ?? 60 })}
      </p>
      <div className="mt-4 flex flex-wrap justify-end gap-2">
        <form action={signOutAction}>
          <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700">
            {t.signOut}
          </button>
        </form>
        <button
          type="button"
          ref={continueButton}
          onClick={() => void renew()}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t.continue}
        </button>
      </div>
    </dialog>
  );
}
