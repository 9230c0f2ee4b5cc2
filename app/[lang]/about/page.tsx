import type { Metadata } from "next";
import { getPageMessages } from "@/lib/i18n/page-locale";
import Link from "@/components/ui/locale-link";

// 关于本系统: a page with no data, prerendered at build time. It is also the
// static baseline of `npm run bench` (the month pages' throughput is reported
// as a ratio of this page's, both requested signed in through proxy.ts).
export const dynamic = "force-static";

export const metadata: Metadata = { title: "关于本系统" };

export default async function AboutPage() {
  const t = await getPageMessages();
  return (
    <main className="mx-auto max-w-2xl px-4 py-10">
      <div className="text-lg font-bold text-brand-900">
        {t.app.city}
        {t.app.title}
      </div>
      <h1 className="mt-4 text-xl font-semibold text-slate-900">关于本系统</h1>
      <div className="mt-3 space-y-3 text-sm leading-relaxed text-slate-700">
        <p>
          本系统展示一体化政务服务平台每月的运行情况：申请、受理、办结、超期办结、提速率、网上办理、好差评与事项覆盖，分为全市、市本级和各县（市、区），并附逐月对比图表。它取代过去用
          Word 和 Excel 手工汇编的月度通报。
        </p>
        <p>
          所有数字由各单位上报的数据计算，比率由分子和分母汇总而来，不对比率求平均。标有“{t.demo.badge}”的月份为系统生成的示例数据，并非真实统计。
        </p>
        <p>仅登录用户可查看数据；部门用户只能查看全市汇总和本单位的数据。</p>
      </div>
      <Link href="/" className="mt-6 inline-block text-sm text-brand-700 underline">
        {t.errors.backHome}
      </Link>
    </main>
  );
}
