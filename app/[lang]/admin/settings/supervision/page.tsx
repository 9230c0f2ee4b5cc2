import type { Metadata } from "next";
import { CardSettingsForm, ContactEmailForm } from "@/components/supervision/supervision-settings-forms";
import { requirePagePermission } from "@/lib/access/guard";
import { getPageMessages, pageLocale } from "@/lib/i18n/page-locale";
import { nameLang } from "@/lib/i18n/punctuation";
import { CARD_SETTING_BOUNDS } from "@/lib/supervision";
import { loadSupervisionSettings, mailConfigured } from "@/lib/supervision/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getPageMessages()).supervision.settings.title };
}

/** 预警设置: the card rules, the units' contact addresses, whether the digest mail can be sent. */
export default async function SupervisionSettingsPage() {
  await requirePagePermission("data.manage", "/admin/settings/supervision");
  const t = (await getPageMessages()).supervision.settings;
  const locale = await pageLocale();
  const { settings, units } = await loadSupervisionSettings();
  const mail = mailConfigured();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">{t.title}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t.lead}</p>
      <section aria-labelledby="cards-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="cards-heading" className="font-semibold">
          {t.cardsHeading}
        </h2>
        <CardSettingsForm t={t} settings={settings} bounds={CARD_SETTING_BOUNDS} />
      </section>
      <section aria-labelledby="mail-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="mail-heading" className="font-semibold">
          {t.mailHeading}
        </h2>
        <p
          className={`rounded px-3 py-2 text-sm ${mail ? "bg-emerald-50 text-emerald-900" : "bg-amber-50 text-amber-900"}`}
          data-testid="mail-status"
          data-configured={mail ? "true" : "false"}
        >
          {mail ? t.mailOn : t.mailOff}
        </p>
        <p className="text-sm text-slate-700">{t.mailCommand}</p>
      </section>
      <section aria-labelledby="contacts-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="contacts-heading" className="font-semibold">
          {t.contactsHeading}
        </h2>
        {units.map((u) => (
          <ContactEmailForm
            key={u.code}
            t={t}
            unitCode={u.code}
            unitName={(locale === "en" ? u.nameEn : null) ?? u.name}
            email={u.contactEmail}
            nameLang={locale === "en" && !u.nameEn ? nameLang(locale) : undefined}
          />
        ))}
      </section>
    </div>
  );
}
