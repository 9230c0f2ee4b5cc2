import { Refusal } from "@/components/ui/error-page";

// What ./forbidden/page.tsx's forbidden() draws: the refusal proxy.ts decided, with the header and the months.
export default function Forbidden() {
  return <Refusal kind="forbidden" size="page" />;
}
