import { ErrorPage } from "@/components/ui/error-page";
import { getPageMessages } from "@/lib/i18n/page-locale";

export default async function NotFound() {
  const t = await getPageMessages();
  return <ErrorPage title={t.errors.notFoundTitle} body={t.errors.notFoundBody} testId="not-found" />;
}
