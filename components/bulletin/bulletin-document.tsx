// The bulletin (lib/bulletin's Bulletin) as a readable page laid out like the printed report:
// an A4-wide sheet for the text with 图1–图4 in place, the annexes on a landscape-wide sheet,
// the 报/送/发 lines and the issue line last. Everything printed comes from the Bulletin:
// this component formats nothing and computes nothing.
import { BulletinAnnexTable } from "@/components/bulletin/bulletin-annex";
import { BulletinFigureChart } from "@/components/bulletin/bulletin-figure";
import type { Bulletin, BulletinBlock } from "@/lib/bulletin/build";
import { pageLocale } from "@/lib/i18n/page-locale";
import { nameLang } from "@/lib/i18n/punctuation";

const sheet =
  "mx-auto bg-white px-[8%] py-12 shadow-sm ring-1 ring-slate-200 print:px-0 print:py-0 print:shadow-none print:ring-0";

function Block({ block, bulletin }: { block: BulletinBlock; bulletin: Bulletin }) {
  switch (block.type) {
    case "subheading":
      return <h3 className="mt-4 indent-[2em] text-[17px] font-bold">{block.text}</h3>;
    case "paragraph":
      return (
        <p className="indent-[2em] text-[16px] leading-[2]" data-bulletin-paragraph>
          {block.lead && <strong className="font-bold">{block.lead}</strong>}
          {block.text}
        </p>
      );
    case "note":
      return <p className="text-sm text-slate-600">{block.text}</p>;
    case "figure": {
      const figure = bulletin.figures.find((f) => f.id === block.figureId);
      return figure ? (
        <div className="my-4 break-inside-avoid">
          <BulletinFigureChart figure={figure} quoted />
        </div>
      ) : null;
    }
  }
}

export async function BulletinDocument({ bulletin }: { bulletin: Bulletin }) {
  // The document is quoted as issued, in Chinese, on a page in any language (screen readers
  // switch voice; e2e/english.spec.ts allows its text).
  const lang = nameLang(await pageLocale());
  return (
    <div className="space-y-8" data-testid="bulletin" data-month={bulletin.month} lang={lang}>
      <article className={`${sheet} max-w-[210mm]`} aria-labelledby="bulletin-title">
        <header className="mb-8 text-center">
          <h1 id="bulletin-title" className="text-[28px] font-bold tracking-wide">
            {bulletin.title}
          </h1>
          <p className="mt-2 text-[18px]">{bulletin.subtitle}</p>
          {bulletin.notices.map((notice) => (
            <p key={notice} className="mt-2 text-sm text-rose-700" role="note" data-testid="bulletin-notice">
              {notice}
            </p>
          ))}
        </header>
        <div className="space-y-3">
          {bulletin.parts.map((part) => (
            <section key={part.id} className="space-y-3" data-part={part.id} aria-labelledby={`part-${part.id}`}>
              <h2 id={`part-${part.id}`} className="mt-6 text-[18px] font-bold">
                {part.heading}
              </h2>
              {part.blocks.map((block, i) => (
                <Block key={i} block={block} bulletin={bulletin} />
              ))}
            </section>
          ))}
        </div>
        <div className="mt-8 text-[16px] leading-[2]" data-testid="bulletin-attachments">
          {bulletin.attachmentList.map((line, i) => (
            <p key={line} className={i === 0 ? "" : "pl-[3em]"}>
              {line}
            </p>
          ))}
        </div>
      </article>

      <article
        className="mx-auto max-w-[330mm] space-y-10 bg-white px-3 py-10 shadow-sm ring-1 ring-slate-200 sm:px-6 print:break-before-page print:p-0 print:shadow-none print:ring-0"
        aria-label={bulletin.annexes.map((a) => a.label).join("、")}
      >
        {bulletin.annexes.map((annex) => (
          <BulletinAnnexTable key={annex.id} annex={annex} />
        ))}
      </article>

      <article className={`${sheet} max-w-[210mm]`} data-testid="bulletin-closing">
        <div className="border-y-2 border-slate-800 py-2 text-[14px] leading-relaxed">
          {bulletin.closing.distribution.map((d) => (
            <p key={d.label} className="border-b border-slate-300 py-1 last:border-b-0" data-distribution={d.label}>
              <span className="font-bold">{d.label}：</span>
              {d.lines.join("")}
            </p>
          ))}
        </div>
        <p className="flex justify-between border-b-2 border-slate-800 py-2 text-[14px]">
          <span data-testid="bulletin-issuer">{bulletin.closing.issuer}</span>
          <span data-testid="bulletin-issue-line">{bulletin.closing.issueLine}</span>
        </p>
      </article>
    </div>
  );
}
