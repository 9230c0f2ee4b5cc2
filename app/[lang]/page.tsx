import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/guard";
import { getMessages } from "@/lib/i18n/messages";
import { getLatestMonth } from "@/lib/queries/months";

// The dashboard opens on the newest published month: a department or county
// user on its own unit's page, everyone else on the city's.
export const dynamic = "force-dynamic";

export default async function Home() {
  const latest = await getLatestMonth();
  const viewer = await getViewer();
  if (latest && viewer?.role === "DEPARTMENT" && viewer.unitCode) redirect(`/${latest}/units/${viewer.unitCode}`);
  if (latest) redirect(`/${latest}`);
  return <main className="p-8 text-slate-600">{getMessages().errors.noData}</main>;
}
