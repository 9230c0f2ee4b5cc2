import { ErrorPage } from "@/components/ui/error-page";
import { getPageMessages } from "@/lib/i18n/page-locale";

// Rendered by forbidden() in pages that check permissions themselves (the proxy answers
// prerendered pages with lib/auth/forbidden-response.ts).
export default async function Forbidden() {
  const t = await getPageMessages();
  return <ErrorPage title={t.auth.forbiddenTitle} body={t.auth.forbiddenBody} testId="forbidden" />;
}
