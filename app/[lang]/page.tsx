import { redirect } from "next/navigation";
import { getViewer } from "@/lib/access/guard";
import { homePathOf } from "@/lib/access/permissions";
import { localePath } from "@/lib/i18n/locale";
import { getPageMessages, pageLocale } from "@/lib/i18n/page-locale";
import { getLatestMonth } from "@/lib/month-versions/published-months";

// The dashboard opens on the newest published month: a department or county
// user on its own unit's page, the security and audit administrators on their own
// pages, everyone else on the city's.
export const dynamic = "force-dynamic";

export default async function Home() {
  const latest = await getLatestMonth();
  const viewer = await getViewer();
  const locale = await pageLocale();
  // The security and audit administrators read no reports: they begin on their own pages.
  const home = viewer ? homePathOf(viewer.role) : null;
  if (home) redirect(localePath(locale, home));
  if (latest && viewer?.role === "DEPARTMENT" && viewer.unitCode)
    redirect(localePath(locale, `/${latest}/units/${viewer.unitCode}`));
  if (latest) redirect(localePath(locale, `/${latest}`));
  return <main className="p-8 text-slate-600">{(await getPageMessages()).errors.noData}</main>;
}
