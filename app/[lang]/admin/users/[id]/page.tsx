import { notFound } from "next/navigation";
import { EditUserForm, ResetPasswordForm, SetActiveForm } from "@/components/access/user-forms";
import { getUserForAdmin } from "@/lib/access/accounts/read-users";
import { requirePagePermission } from "@/lib/access/guard";
import { getUnits } from "@/lib/dashboard/unit-history";
import { idParam } from "@/lib/http/route-params";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { nameLang } from "@/lib/i18n/punctuation";

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePagePermission("users.manage", `/admin/users/${id}`);
  const userId = idParam(id);
  if (userId === null) notFound();
  const [user, units] = await Promise.all([getUserForAdmin(userId), getUnits()]);
  if (!user) notFound();
  const t = await getPageMessages();
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-bold">
        <span lang={nameLang(t.locale)}>{user.displayName}</span>{" "}
        <span className="font-mono text-base text-slate-600">{user.username}</span>
      </h1>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <EditUserForm
          t={t}
          units={units}
          user={{ id: user.id, displayName: user.displayName, role: user.role, unitCode: user.unit?.code ?? null }}
        />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <ResetPasswordForm t={t} userId={user.id} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <p className="mb-2 text-sm text-slate-600">{user.active ? t.admin.users.active : t.admin.users.inactive}</p>
        <SetActiveForm t={t} userId={user.id} active={user.active} />
      </section>
    </div>
  );
}
