// Whether department and county users must have a second factor too (issue 22: "switchable for
// department users"): a Setting the security administrator changes on /admin/security, off by
// default. The other roles always need one (permissions.ts requiresTwoFactor). Read by the proxy
// on every request for a department user without a second factor: cached for a few seconds.
import { z } from "zod";
import { prisma } from "@/lib/db";

export const TWO_FACTOR_SETTINGS_KEY = "security.twoFactor";
export type TwoFactorSettings = { departments: boolean };
export const DEFAULT_TWO_FACTOR_SETTINGS: TwoFactorSettings = { departments: false };
const TTL_MS = 5_000;

export function readStoredTwoFactorSettings(value: unknown): TwoFactorSettings {
  const parsed = z.object({ departments: z.boolean() }).partial().safeParse(value);
  return { ...DEFAULT_TWO_FACTOR_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

const store = globalThis as unknown as { __dashboardTwoFactor?: { settings: TwoFactorSettings; at: number } };

export async function getTwoFactorSettings(): Promise<TwoFactorSettings> {
  const cached = store.__dashboardTwoFactor;
  if (cached && Date.now() - cached.at < TTL_MS) return cached.settings;
  const row = await prisma.setting.findUnique({ where: { key: TWO_FACTOR_SETTINGS_KEY } });
  const settings = readStoredTwoFactorSettings(row?.value);
  store.__dashboardTwoFactor = { settings, at: Date.now() };
  return settings;
}

export function forgetTwoFactorSettings(): void {
  store.__dashboardTwoFactor = undefined;
}
