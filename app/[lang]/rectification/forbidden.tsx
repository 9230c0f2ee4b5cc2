import { Refusal } from "@/components/ui/error-page";

// Inside this segment's layout, which draws the header: what happened and the months.
export default function Forbidden() {
  return <Refusal kind="forbidden" size="body" />;
}
