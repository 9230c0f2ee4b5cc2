import type { Metadata } from "next";
import { ItemCasesView, itemCasesMetadata } from "@/components/case-records/item-cases-view";

// Page 1 of an item's cases (the overdue ones lead); later pages at /…/items/<item>/<n>.
// Static once rendered: see components/case-records/item-cases-view.tsx.
export async function generateStaticParams(): Promise<Array<{ item: string }>> {
  return [];
}

type Props = { params: Promise<{ month: string; code: string; item: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return itemCasesMetadata(await params);
}

export default async function ItemCasesPage({ params }: Props) {
  const { month, code, item } = await params;
  return <ItemCasesView month={month} code={code} item={item} page={1} />;
}
