// The language of the page being rendered, for server components: the root
// parameter of app/[lang]/ (next/root-params), so layouts, pages, not-found and
// forbidden boundaries and the components inside them read it without props.
// Not for server actions or route handlers (Next gives them no root params).
import { notFound } from "next/navigation";
import { lang } from "next/root-params";
import { isLocale } from "@/lib/i18n/locale";
import { getMessages, type Locale, type Messages } from "@/lib/i18n/messages";

export async function pageLocale(): Promise<Locale> {
  const value = await lang();
  if (!isLocale(value)) notFound();
  return value;
}

/** The messages of the page's language, and the language (for links: localePath). */
export async function pageMessages(): Promise<{ t: Messages; locale: Locale }> {
  const locale = await pageLocale();
  return { t: getMessages(locale), locale };
}

/** The messages of the page's language. */
export async function getPageMessages(): Promise<Messages> {
  return getMessages(await pageLocale());
}
