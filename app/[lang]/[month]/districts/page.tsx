import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ScopeView } from "@/components/dashboard/scope-view";
import { getMonthView } from "@/lib/dashboard/month-view";
import { getPageMessages } from "@/lib/i18n/page-locale";

export async function generateMetadata({ params }: { params: Promise<{ month: string }> }): Promise<Metadata> {
  const { month } = await params;
  return { title: `${(await getPageMessages()).districts.heading} ${month}` };
}

export default async function Page({ params }: { params: Promise<{ month: string }> }) {
  const { month } = await params;
  const view = await getMonthView(month);
  if (!view) notFound();
  return <ScopeView kind="DISTRICT" current={view.current} previous={view.previous} />;
}
