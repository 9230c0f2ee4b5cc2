import type { Metadata } from "next";
import { OverviewPage } from "@/components/dashboard/overview-page";
import { getPageMessages } from "@/lib/i18n/page-locale";

export async function generateMetadata({ params }: { params: Promise<{ month: string }> }): Promise<Metadata> {
  const { month } = await params;
  return { title: `${(await getPageMessages()).overview.heading} ${month}` };
}

// The home page for viewers who see every unit: the month's problems and weakest units are part
// of the static page, so nothing is fetched or shifts after load. No path rule names this URL:
// proxy.ts rewrites /<month> here for those viewers only (pageForViewer, lib/access/permissions.ts),
// and a request for /<month>/all-units itself is refused like any unknown path.
export default async function Page({ params }: { params: Promise<{ month: string }> }) {
  const { month } = await params;
  return <OverviewPage month={month} withAttention />;
}
