import { forbidden } from "next/navigation";

// Internal: proxy.ts rewrites a refused page request here (/zh-CN/refused/forbidden,
// /en/refused/forbidden), so the refusal is drawn by ../forbidden.tsx (header, months)
// inside the app's layout, status 403. No path rule names it: it is not a public URL.
export const dynamic = "force-dynamic";

export default function RefusedForbidden(): never {
  forbidden();
}
