import { notFound } from "next/navigation";

// Internal: proxy.ts rewrites a path no rule names (or that can be read two ways) here,
// so the 404 is drawn by ../not-found.tsx (header, months) inside the app's layout, status 404.
// No path rule names it: it is not a public URL.
export const dynamic = "force-dynamic";

export default function RefusedNotFound(): never {
  notFound();
}
