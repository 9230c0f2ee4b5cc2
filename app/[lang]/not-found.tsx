import { ErrorPage } from "@/components/ui/error-page";
import { getMessages } from "@/lib/i18n/messages";

export default function NotFound() {
  const t = getMessages();
  return <ErrorPage title={t.errors.notFoundTitle} body={t.errors.notFoundBody} testId="not-found" />;
}
