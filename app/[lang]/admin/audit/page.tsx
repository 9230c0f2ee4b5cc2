import { fillNodes } from "@/components/ui/fill-nodes";
import { requirePagePermission } from "@/lib/access/guard";
import { actionLabel, auditSentenceParts, personName } from "@/lib/audit/audit-sentence";
import { listAuditEventsFiltered, readAuditChainState, readAuditFilters } from "@/lib/audit/read-audit";
import { localePath } from "@/lib/i18n/locale";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages, pageLocale } from "@/lib/i18n/page-locale";
import { nameLang, withNote } from "@/lib/i18n/punctuation";

const input = "rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900";

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePagePermission("audit.view", "/admin/audit");
  const t = await getPageMessages();
  const a = t.readers.audit;
  const filters = readAuditFilters(await searchParams);
  const { events, total, actions, people } = await listAuditEventsFiltered(filters);
  const usersById = new Map(people.map((p) => [String(p.id), p]));
  const locale = t.locale;
  const zh = nameLang(locale);
  const sentence = (e: (typeof events)[number]) => {
    const { template, values, names } = auditSentenceParts(e, usersById, a, t.admin.audit.system, locale);
    return fillNodes(
      template,
      Object.fromEntries(
        Object.entries(values).map(([key, value]) => [
          key,
          names.has(key) ? (
            <span key={key} lang={zh}>
              {value}
            </span>
          ) : (
            value
          ),
        ]),
      ),
    );
  };
  const kinds = [...new Set([...Object.keys(a.actions), ...actions])];
  const chain = await readAuditChainState();
  const c = t.security.chain;
  const exportQuery = new URLSearchParams(
    Object.entries({
      actor: filters.actorId === null ? "" : String(filters.actorId),
      action: filters.action ?? "",
      from: filters.from ?? "",
      to: filters.to ?? "",
    }).filter(([, v]) => v !== ""),
  ).toString();

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">{t.admin.audit.heading}</h1>
      <section
        className={`space-y-1 rounded-lg border p-3 text-sm ${chain.ok ? "border-emerald-100 bg-emerald-50 text-emerald-800" : "border-rose-200 bg-rose-50 text-rose-800"}`}
        data-testid="audit-chain"
        data-state={chain.ok ? "ok" : "broken"}
      >
        <h2 className="font-semibold">{c.title}</h2>
        <p role={chain.ok ? undefined : "alert"}>
          {chain.ok
            ? fill(c.ok, { checked: chain.checked, seq: chain.head.seq })
            : fill(c.broken, {
                seq: chain.firstBroken?.seq ?? "—",
                id: chain.firstBroken?.id ?? "—",
                reason: chain.firstBroken?.reason ?? "",
              })}
        </p>
        {chain.legacy > 0 && <p>{fill(c.legacy, { count: chain.legacy })}</p>}
        {chain.archives.count > 0 && (
          <p>{fill(c.archives, { count: chain.archives.count, events: chain.archives.events })}</p>
        )}
        <p className="text-xs">
          {c.verifiedAt}: {chain.verifiedAt.toLocaleString(locale, { hour12: false, timeZone: "Asia/Shanghai" })}
        </p>
        <p>
          <a
            href={`/api/audit/events.csv${exportQuery ? `?${exportQuery}` : ""}`}
            className="text-brand-700 underline hover:no-underline"
            data-testid="audit-export"
          >
            {c.export}
          </a>
        </p>
      </section>
      <form
        method="get"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm"
        data-testid="audit-filters"
      >
        <label className="flex flex-col gap-1">
          <span className="text-slate-700">{a.filters.actor}</span>
          <select name="actor" defaultValue={filters.actorId ?? ""} className={input}>
            <option value="">{a.filters.all}</option>
            {people.map((p) => (
              // A person's name: the option is marked as Chinese on an English page.
              <option key={p.id} value={p.id} lang={zh}>
                {withNote(personName(p), p.username, locale)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-slate-700">{a.filters.action}</span>
          <select name="action" defaultValue={filters.action ?? ""} className={input}>
            <option value="">{a.filters.all}</option>
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {actionLabel(kind, a)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-slate-700">{a.filters.from}</span>
          <input type="date" name="from" defaultValue={filters.from ?? ""} className={input} />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-slate-700">{a.filters.to}</span>
          <input type="date" name="to" defaultValue={filters.to ?? ""} className={input} />
        </label>
        <button
          type="submit"
          className="rounded border border-brand-600 bg-brand-600 px-3 py-1 text-white hover:bg-brand-700"
        >
          {a.filters.apply}
        </button>
        <a href={localePath(await pageLocale(), "/admin/audit")} className="px-2 py-1 text-brand-700 hover:underline">
          {a.filters.clear}
        </a>
      </form>
      <p className="text-sm text-slate-700" data-testid="audit-count">
        {fill(a.count, { count: total })}
      </p>
      <section
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
        tabIndex={0}
        aria-label={t.admin.audit.heading}
      >
        <table className="w-full text-left text-sm" data-testid="audit-table">
          <thead className="bg-slate-100">
            <tr>
              <th className="px-3 py-2">{t.admin.audit.columns.at}</th>
              <th className="px-3 py-2">{t.admin.audit.columns.action}</th>
              <th className="px-3 py-2">{t.admin.audit.columns.details}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} className="border-t border-slate-100 align-top" data-action={e.action}>
                <td className="tabular px-3 py-2 whitespace-nowrap">
                  {e.at.toLocaleString(locale, { hour12: false, timeZone: "Asia/Shanghai" })}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">{actionLabel(e.action, a)}</td>
                <td className="px-3 py-2">
                  <span data-audit-sentence>{sentence(e)}</span>
                  <details className="mt-1 text-xs text-slate-600">
                    <summary className="cursor-pointer">{a.showDetails}</summary>
                    <code className="block font-mono break-all">
                      {[e.actor?.username, e.action, e.targetType, e.targetId, e.month].filter(Boolean).join(" ")}{" "}
                      {e.details ? JSON.stringify(e.details) : ""}
                    </code>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {events.length === 0 && <p className="p-4 text-sm text-slate-700">{a.none}</p>}
      </section>
    </div>
  );
}
