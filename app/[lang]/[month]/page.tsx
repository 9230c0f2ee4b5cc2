import type { Metadata } from "next";
import { OverviewPage } from "@/components/dashboard/overview-page";
import { getPageMessages } from "@/lib/i18n/page-locale";

export async function generateMetadata({ params }: { params: Promise<{ month: string }> }): Promise<Metadata> {
  const { month } = await params;
  return { title: `${(await getPageMessages()).overview.heading} ${month}` };
}

// The version every reader may see (department users: no unit named). Officials and admins get
// ./all-units instead, through proxy.ts.
export default async function Page({ params }: { params: Promise<{ month: string }> }) {
  const { month } = await params;
  return <OverviewPage month={month} withAttention={false} />;
}
