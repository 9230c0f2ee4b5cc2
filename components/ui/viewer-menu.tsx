"use client";

import { IdleWarning } from "@/components/access/idle-warning";
import Link, { useLocale } from "@/components/ui/locale-link";
import { useViewer } from "@/components/ui/use-viewer";
import { signOutAction } from "@/lib/access/actions/sign-out";
import { fill } from "@/lib/i18n/fill";
import type { Messages } from "@/lib/i18n/messages";
import { idleEn, idleZhCN } from "@/lib/i18n/messages/sessions";
import { nameLang } from "@/lib/i18n/punctuation";

export function ViewerMenu({ messages }: { messages: Messages["auth"] }) {
  const viewer = useViewer();
  const locale = useLocale();
  // While the session is being fetched, hold the menu's room: on a phone the menu takes its own
  // line in the header, and its arrival pushed the whole page down (Lighthouse CLS ~0.04 on every page).
  if (viewer === undefined) return <div className="h-[30px] w-56" aria-hidden data-testid="viewer-menu-placeholder" />;
  if (!viewer) return null;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="viewer-menu">
      <span className="text-slate-600">
        <span className="font-medium text-slate-900" data-testid="viewer-name" lang={nameLang(locale)}>
          {viewer.name}
        </span>
        <span className="ml-1 text-xs text-slate-600">
          {fill(messages.roleNote, { role: messages.roles[viewer.role] })}
        </span>
      </span>
      {viewer.role === "SYSTEM_ADMIN" && (
        <Link href="/admin" className="text-brand-700 hover:underline">
          {messages.admin}
        </Link>
      )}
      {(viewer.role === "SECURITY_ADMIN" || viewer.role === "AUDITOR") && (
        <Link
          href={viewer.role === "AUDITOR" ? "/admin/audit" : "/admin/security"}
          className="text-brand-700 hover:underline"
        >
          {messages.roles[viewer.role]}
        </Link>
      )}
      <Link href="/account/sessions" className="text-brand-700 hover:underline">
        {(locale === "en" ? idleEn : idleZhCN).sessionsLink}
      </Link>
      {typeof viewer.idleSeconds === "number" && <IdleWarning idleSeconds={viewer.idleSeconds} />}
      <form action={signOutAction}>
        <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-slate-700 hover:bg-slate-50">
          {messages.signOut}
        </button>
      </form>
    </div>
  );
}
