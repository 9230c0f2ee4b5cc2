import { ForbiddenNotice } from "@/components/ui/forbidden-notice";

// Served (with status 403) by proxy.ts in place of a page the viewer may not see.
export default function ForbiddenPage() {
  return <ForbiddenNotice />;
}
