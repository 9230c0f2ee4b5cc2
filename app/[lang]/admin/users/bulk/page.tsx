import { BulkAccountsForm } from "@/components/access/bulk-accounts-form";
import { requirePagePermission } from "@/lib/access/guard";
import { getPageMessages } from "@/lib/i18n/page-locale";

export default async function BulkAccountsPage() {
  await requirePagePermission("users.manage", "/admin/users/bulk");
  const t = await getPageMessages();
  const b = t.readers.bulk;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">{b.heading}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{b.lead}</p>
      <p className="text-sm">
        <a href="/api/users/bulk-template.csv" download className="text-brand-700 underline">
          {b.template}
        </a>
      </p>
      <BulkAccountsForm messages={b} roles={t.auth.roles} />
    </div>
  );
}
