import { guardRoute } from "@/lib/auth/guard";
import { monthAttention } from "@/lib/sections/attention";

/** The home page's problems and weakest units: they name units, so officials and admins only. */
export async function GET(_request: Request, { params }: { params: Promise<{ month: string }> }) {
  const guard = await guardRoute("report.viewAllUnits");
  if (!guard.ok) return guard.response;
  const { month } = await params;
  const attention = await monthAttention(month);
  if (!attention) return Response.json({ error: "没有该月份 / no such month" }, { status: 404 });
  return Response.json(attention, { headers: { "Cache-Control": "private, no-store" } });
}
