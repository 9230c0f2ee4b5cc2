import { Refusal } from "@/components/ui/error-page";

// The root boundary: reached only by a page's own backstop. Sent with every page, so it draws no
// header (components/ui/error-page.tsx); the refusals proxy.ts decides are drawn in ./refused.
export default function Forbidden() {
  return <Refusal kind="forbidden" size="plain" />;
}
