import { redirect } from "next/navigation";
import { getMessages } from "@/lib/i18n/messages";
import { getLatestMonth } from "@/lib/queries/months";

// The dashboard opens on the newest published month.
export const dynamic = "force-dynamic";

export default async function Home() {
  const latest = await getLatestMonth();
  if (latest) redirect(`/${latest}`);
  return <main className="p-8 text-slate-600">{getMessages().errors.noData}</main>;
}
