"use client";

// 中文 / English: the same page in the other language (lib/i18n/locale.ts). Each
// name is written in its own language (lang attribute, read aloud correctly);
// the page's language is marked aria-current.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { localePath, readPathname } from "@/lib/i18n/locale";
import type { Locale } from "@/lib/i18n/messages";

export function LanguageSwitch({ label, names }: { label: string; names: Record<Locale, string> }) {
  const { locale, path } = readPathname(usePathname() ?? "/");
  const languages: Locale[] = ["zh-CN", "en"];
  return (
    <nav aria-label={label} className="flex items-center gap-1 text-sm whitespace-nowrap print:hidden" data-testid="language-switch">
      {languages.map((language, i) => (
        <span key={language} className="flex items-center gap-1">
          {i > 0 && <span aria-hidden="true" className="text-slate-400">/</span>}
          <Link
            href={localePath(language, path)}
            lang={language}
            hrefLang={language}
            aria-current={language === locale ? "page" : undefined}
            prefetch={false}
            className={language === locale ? "rounded px-1 font-semibold text-slate-900" : "rounded px-1 text-brand-700 hover:underline"}
          >
            {names[language]}
          </Link>
        </span>
      ))}
    </nav>
  );
}
