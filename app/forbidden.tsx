import { ForbiddenNotice } from "@/components/ui/forbidden-notice";

// Rendered by forbidden() in pages that check permissions themselves.
export default function Forbidden() {
  return <ForbiddenNotice />;
}
