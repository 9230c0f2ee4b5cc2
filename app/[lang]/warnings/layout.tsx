import { AppHeader } from "@/components/ui/app-header";
import { getPublishedMonths } from "@/lib/month-versions/server";

// The 预警 pages' shell: the header, as on the month pages (nothing of the viewer's in it). Each
// page decides whether it is drawn per request (with a query) or cached (the versions by audience
// and day under view/).
export default async function WarningsLayout({ children }: { children: React.ReactNode }) {
  const months = await getPublishedMonths().catch(() => []);
  const latest = months.at(-1)?.month;
  return (
    <div className="min-h-screen">
      {latest && <AppHeader months={months} month={latest} showPicker={false} />}
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
