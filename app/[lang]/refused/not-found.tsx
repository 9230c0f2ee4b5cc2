import { Refusal } from "@/components/ui/error-page";

// What ./not-found/page.tsx's notFound() draws: the refusal proxy.ts decided, with the header and the months.
export default function NotFound() {
  return <Refusal kind="not-found" size="page" />;
}
