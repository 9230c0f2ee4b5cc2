import { Refusal } from "@/components/ui/error-page";

// Inside this segment's layout, which draws the header: what happened and the months.
export default function NotFound() {
  return <Refusal kind="not-found" size="body" />;
}
