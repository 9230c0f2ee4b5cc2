import { notFound, redirect } from "next/navigation";
import { getLatestMonth } from "@/lib/queries/months";

// Decided per request: the newest month changes when a month is published.
export const dynamic = "force-dynamic";

/** /reports: the newest month's bulletin. */
export default async function ReportsIndex() {
  const latest = await getLatestMonth();
  if (!latest) notFound();
  redirect(`/reports/${latest}`);
}
