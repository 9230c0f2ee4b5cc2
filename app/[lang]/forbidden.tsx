import { ErrorPage } from "@/components/ui/error-page";
import { getMessages } from "@/lib/i18n/messages";

// Rendered by forbidden() in pages that check permissions themselves (the proxy answers
// prerendered pages with lib/auth/forbidden-response.ts).
export default function Forbidden() {
  const t = getMessages();
  return <ErrorPage title={t.auth.forbiddenTitle} body={t.auth.forbiddenBody} testId="forbidden" />;
}
