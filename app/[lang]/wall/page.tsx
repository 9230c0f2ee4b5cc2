import type { Metadata, Viewport } from "next";
import { forbidden } from "next/navigation";
import { WallDisplay } from "@/components/supervision/wall-display";
import { canViewAllCards } from "@/lib/access";
import { requirePagePermission } from "@/lib/access/guard";
import { getPageMessages, pageLocale } from "@/lib/i18n/page-locale";
import { getWallFigures, WALL_RATES } from "@/lib/supervision/server";

// Per request: it reads the session and today's figures; then the page refreshes itself.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getPageMessages()).supervision.wall.title };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, colorScheme: "dark" };

/** 大屏: the hall's wall display, for viewers of every unit (1920×1080, dark, no scrolling). */
export default async function WallPage() {
  const viewer = await requirePagePermission("supervision.view", "/wall");
  if (!canViewAllCards(viewer)) forbidden();
  const t = (await getPageMessages()).supervision;
  const locale = await pageLocale();
  const figures = await getWallFigures();
  return (
    <main id="main" className="h-screen overflow-hidden bg-[#020617] text-[#f1f5f9]">
      <WallDisplay
        initial={figures}
        t={{ wall: t.wall, red: t.red, yellow: t.yellow }}
        rateOrder={WALL_RATES}
        english={locale === "en"}
      />
    </main>
  );
}
