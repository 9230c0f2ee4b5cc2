import { CloseMonthList, CreateTokenForm, TokenTable } from "@/components/supervision/daily-feed-admin";
import { requirePagePermission } from "@/lib/access/guard";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { loadApiTokens, loadProvisionalMonths } from "@/lib/supervision/server";

const at = (d: Date | null) => (d ? d.toLocaleString("zh-CN", { hour12: false, timeZone: "Asia/Shanghai" }) : null);

export default async function DailyFeedAdminPage() {
  await requirePagePermission("data.manage", "/admin/daily");
  const t = await getPageMessages();
  const d = t.dailyFeed;
  const [tokens, months] = await Promise.all([loadApiTokens(), loadProvisionalMonths()]);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">{d.close.heading}</h1>
      <p className="max-w-3xl text-sm text-slate-600">{d.close.lead}</p>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="close-heading">
        <h2 id="close-heading" className="font-semibold">
          {d.close.button}
        </h2>
        <CloseMonthList t={d} months={months} />
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="font-semibold">
          {d.tokens.heading}
        </h2>
        <p className="max-w-3xl text-sm text-slate-600">{d.tokens.lead}</p>
        <CreateTokenForm t={d} />
        <TokenTable
          t={d}
          rows={tokens.map((r) => ({
            id: r.id,
            name: r.name,
            scope: r.scope,
            prefix: r.prefix,
            createdAt: at(r.createdAt)!,
            lastUsedAt: at(r.lastUsedAt),
            revokedAt: at(r.revokedAt),
          }))}
        />
      </section>
    </div>
  );
}
