// The bench's ceiling: a bare Next app with one static page and no proxy,
// built and served by bench/sections/pages.ts in the same run as the product,
// so that the product's pages are measured against what Next itself can serve
// on this machine at this moment (issues 12 and 23).
export const metadata = { title: "ceiling" };

export default function RootLayout({ children }) {
  return (
    <html lang="zh-CN">
      <head>
        <style>{"table.figures td,table.figures th{padding:2px 8px;text-align:right}"}</style>
      </head>
      <body>{children}</body>
    </html>
  );
}
