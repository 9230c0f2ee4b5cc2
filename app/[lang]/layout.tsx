import type { Metadata, Viewport } from "next";
// Text uses the system's CJK font (PingFang SC, Microsoft YaHei, Noto Sans CJK
// SC…, globals.css): nothing to download before text shows. Self-hosted Noto
// Sans SC (unicode-range subsets) is only the last resort of the font stack,
// downloaded by a browser that has no CJK font; no font is fetched from the
// web at build or run time. (Both weights cost ~70 kB of render-blocking CSS
// and ~550 kB of font files a page; the fallback keeps the regular weight.)
import "@fontsource/noto-sans-sc/400.css";
import "./globals.css";
import { LOCALES } from "@/lib/i18n/locale";
import { getPageMessages, pageLocale } from "@/lib/i18n/page-locale";
import { THEME_SCRIPT } from "@/lib/theme/theme-script";

// The root layout of both languages (lib/i18n/locale.ts): every page is
// prerendered once per language, /zh-CN/… served at the unprefixed URLs.
export function generateStaticParams(): Array<{ lang: string }> {
  return LOCALES.map((lang) => ({ lang }));
}

export async function generateMetadata(): Promise<Metadata> {
  const messages = await getPageMessages();
  return {
    title: {
      default: messages.app.name,
      template: `%s · ${messages.app.name}`,
    },
    description: messages.app.subtitle,
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await pageLocale();
  return (
    // suppressHydrationWarning: the theme script sets <html>'s class before React hydrates.
    <html lang={locale} suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our own constant script (lib/theme), no user input; it must run before the first paint */}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
