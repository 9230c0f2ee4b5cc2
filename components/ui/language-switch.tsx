"use client";

// 中文 / English: the same page in the other language (lib/i18n/locale.ts). Each
// name is written in its own language (lang attribute, read aloud correctly);
// the page's language is marked aria-current. The query (sort, filters) and the hash go along:
// read at the click, not rendered (useSearchParams would make every static page client-rendered).
// A plain link, not next/link: the other language is another root layout (<html lang>), a full load anyway.
import { usePathname } from "next/navigation";
import { localePath, readPathname } from "@/lib/i18n/locale";
import type { Locale } from "@/lib/i18n/messages";

export function LanguageSwitch({ label, names }: { label: string; names: Record<Locale, string> }) {
  const { locale, path } = readPathname(usePathname() ?? "/");
  const languages: Locale[] = ["zh-CN", "en"];
  return (
    <nav
      aria-label={label}
      className="flex items-center gap-1 text-sm whitespace-nowrap print:hidden"
      data-testid="language-switch"
    >
      {languages.map((language, i) => (
        <span key={language} className="flex items-center gap-1">
          {i > 0 && (
            <span aria-hidden="true" className="text-slate-400">
              /
            </span>
          )}
          <a
            href={localePath(language, path)}
            onClick={(event) => {
              if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
              event.preventDefault();
              window.location.assign(localePath(language, path) + window.location.search + window.location.hash);
            }}
            lang={language}
            hrefLang={language}
            aria-current={language === locale ? "page" : undefined}
            className={
              language === locale
                ? "rounded px-1 font-semibold text-slate-900"
                : "rounded px-1 text-brand-700 hover:underline"
            }
          >
            {names[language]}
          </a>
        </span>
      ))}
    </nav>
  );
}
