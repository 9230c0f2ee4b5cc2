import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ItemCasesView, itemCasesMetadata } from "@/components/case-records/item-cases-view";

// Page n ≥ 2 of an item's cases (page 1 is /…/items/<item>: one URL per page).
export async function generateStaticParams(): Promise<Array<{ page: string }>> {
  return [];
}

type Props = { params: Promise<{ month: string; code: string; item: string; page: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return itemCasesMetadata(await params);
}

export default async function ItemCasesLaterPage({ params }: Props) {
  const { month, code, item, page } = await params;
  if (!/^[1-9]\d{0,5}$/.test(page) || page === "1") notFound();
  return <ItemCasesView month={month} code={code} item={item} page={Number(page)} />;
}
