import { CreateUserForm } from "@/components/access/user-forms";
import Link from "@/components/ui/locale-link";
import { listUsers } from "@/lib/access/accounts/read-users";
import { requirePagePermission } from "@/lib/access/guard";
import { getUnits } from "@/lib/dashboard/unit-history";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { nameLang } from "@/lib/i18n/punctuation";

export default async function UsersPage() {
  await requirePagePermission("users.manage", "/admin/users");
  const t = await getPageMessages();
  const [users, units] = await Promise.all([listUsers(), getUnits()]);
  const now = new Date();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-bold">{t.admin.users.heading}</h1>
        <Link href="/admin/users/bulk" className="text-sm text-brand-700 hover:underline" data-testid="bulk-link">
          {t.readers.bulk.link}
        </Link>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 font-semibold">{t.admin.users.create}</h2>
        <CreateUserForm t={t} units={units} />
      </section>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="users-table">
          <thead className="bg-slate-100">
            <tr>
              {(["username", "displayName", "role", "unit", "status", "actions"] as const).map((c) => (
                <th key={c} className="px-3 py-2">
                  {t.admin.users.columns[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-t border-slate-100" data-username={u.username}>
                <td className="px-3 py-2 font-mono">{u.username}</td>
                <td className="px-3 py-2" lang={nameLang(t.locale)}>
                  {u.displayName}
                </td>
                <td className="px-3 py-2">{t.auth.roles[u.role]}</td>
                <td className="px-3 py-2" lang={u.unit ? nameLang(t.locale) : undefined}>
                  {u.unit?.name ?? "—"}
                </td>
                <td className="px-3 py-2" data-status>
                  {u.active ? t.admin.users.active : t.admin.users.inactive}
                  {u.lockedUntil && u.lockedUntil > now && (
                    <span className="ml-2 text-xs text-rose-700">
                      {fill(t.admin.users.locked, {
                        until: u.lockedUntil.toLocaleTimeString(t.locale, { hour12: false }),
                      })}
                    </span>
                  )}
                </td>
                <td className="px-3 py-2">
                  <Link href={`/admin/users/${u.id}`} className="text-brand-700 hover:underline">
                    {t.admin.users.edit}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
