import { requirePagePermission } from "@/lib/auth/guard";
import { getMessages } from "@/lib/i18n/messages";
import { listAuditEvents } from "@/lib/queries/users";

export default async function AuditPage() {
  await requirePagePermission("audit.view", "/admin/audit");
  const t = getMessages();
  const events = await listAuditEvents();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">{t.admin.audit.heading}</h1>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="audit-table">
          <thead className="bg-slate-100">
            <tr>
              {(["at", "actor", "action", "target", "details"] as const).map((c) => (
                <th key={c} className="px-3 py-2">{t.admin.audit.columns[c]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} className="border-t border-slate-100 align-top" data-action={e.action}>
                <td className="px-3 py-2 whitespace-nowrap tabular">{e.at.toLocaleString("zh-CN", { hour12: false })}</td>
                <td className="px-3 py-2">{e.actor?.username ?? t.admin.audit.system}</td>
                <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
                <td className="px-3 py-2">{[e.targetType, e.targetId, e.month].filter(Boolean).join(" ")}</td>
                <td className="px-3 py-2 font-mono text-xs break-all">{e.details ? JSON.stringify(e.details) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
