"use client";

// next/link that keeps the page's language: an app path ("/2021-06") is sent to
// its /en/… URL on an English page. Route handlers (/api/…) are left alone.
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ComponentProps } from "react";
import { localePath, readPathname } from "@/lib/i18n/locale";
import type { Locale } from "@/lib/i18n/messages";

/** The language of the page, from its URL (the same on the server's render and the client's). */
export function useLocale(): Locale {
  return readPathname(usePathname() ?? "/").locale;
}

/** The page's path without its language prefix, for comparing with app paths. */
export function useAppPath(): string {
  return readPathname(usePathname() ?? "/").path;
}

export default function LocaleLink({ href, ...props }: ComponentProps<typeof Link> & { href: string }) {
  const locale = useLocale();
  return <Link href={localePath(locale, href)} {...props} />;
}
