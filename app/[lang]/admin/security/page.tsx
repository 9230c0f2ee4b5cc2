import { AccessSettingsForm } from "@/components/access/access-settings-form";
import { OpenSessionsSection } from "@/components/access/open-sessions-section";
import { SecurityPolicyForm } from "@/components/access/security-policy-form";
import { TwoFactorAdmin } from "@/components/access/two-factor-admin";
import { UnlockUserForm } from "@/components/access/unlock-user-form";
import { getAccessSettings } from "@/lib/access/access-settings";
import { readOpenSessions, readSecurityPolicy } from "@/lib/access/accounts/read-sessions";
import { listLockedUsers } from "@/lib/access/accounts/read-users";
import { requirePagePermission } from "@/lib/access/guard";
import { SECURITY_POLICY_BOUNDS } from "@/lib/access/security-policy";
import { getTwoFactorSettings } from "@/lib/access/two-factor/settings";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { nameLang } from "@/lib/i18n/punctuation";

// The security administrator's page (三员分立, issue 22): the access rules, the password and
// session policy, the account locks and the users' open sessions (?user=name: one user's).
export default async function SecurityPage({ searchParams }: { searchParams: Promise<{ user?: string | string[] }> }) {
  await requirePagePermission("security.manage", "/admin/security");
  const t = await getPageMessages();
  const s = t.security;
  const locked = await listLockedUsers();
  const asked = (await searchParams).user;
  const username = typeof asked === "string" && /^[a-z0-9._-]{1,32}$/.test(asked.trim()) ? asked.trim() : undefined;
  const [policy, sessions] = await Promise.all([readSecurityPolicy(), readOpenSessions(username)]);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">{s.title}</h1>
      <p className="max-w-3xl text-sm text-slate-600">{s.intro}</p>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <AccessSettingsForm t={t} settings={await getAccessSettings()} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <SecurityPolicyForm t={t} policy={policy} bounds={SECURITY_POLICY_BOUNDS} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="two-factor-admin">
        <TwoFactorAdmin t={t.twoFactor.admin} departments={(await getTwoFactorSettings()).departments} />
      </section>
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="locked-accounts">
        <h2 className="text-base font-semibold">{s.locks.title}</h2>
        {locked.length === 0 ? (
          <p className="text-sm text-slate-600">{s.locks.none}</p>
        ) : (
          // Scrolls on its own on a phone: in English its headings alone were wider than 390 px.
          <div className="overflow-x-auto">
            <table className="text-sm">
              <thead>
                <tr className="text-left text-slate-600">
                  <th className="pr-4 font-medium">{s.locks.username}</th>
                  <th className="pr-4 font-medium">{s.locks.name}</th>
                  <th className="pr-4 font-medium">{s.locks.until}</th>
                  <th className="pr-4 font-medium">{s.locks.failures}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {locked.map((u) => (
                  <tr key={u.id} data-username={u.username}>
                    <td className="pr-4">{u.username}</td>
                    <td className="pr-4" lang={nameLang(t.locale)}>
                      {u.displayName}
                    </td>
                    <td className="pr-4 tabular-nums">
                      {u.lockedUntil?.toISOString().slice(0, 16).replace("T", " ")} UTC
                    </td>
                    <td className="pr-4 tabular-nums">{u.failedLoginCount}</td>
                    <td>
                      <UnlockUserForm t={t} userId={u.id} username={u.username} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <OpenSessionsSection t={t} sessions={sessions} username={username} />
    </div>
  );
}
