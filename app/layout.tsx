import type { Metadata, Viewport } from "next";
// Self-hosted Noto Sans SC (unicode-range subsets: a page downloads only the
// glyphs it uses). No font is fetched from the web at build or run time.
import "@fontsource/noto-sans-sc/400.css";
import "@fontsource/noto-sans-sc/700.css";
import "./globals.css";
import { getMessages } from "@/lib/i18n/messages";

const messages = getMessages();

export const metadata: Metadata = {
  title: { default: `${messages.app.city}${messages.app.title}`, template: `%s · ${messages.app.city}${messages.app.title}` },
  description: messages.app.subtitle,
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
