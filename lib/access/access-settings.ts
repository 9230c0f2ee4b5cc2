import "server-only";
// The access rules an admin can switch (lib/access/permissions.ts AccessSettings),
// stored as one JSON value in `Setting`. Read on every request by the proxy,
// so kept in this process for a few seconds; a change made in this process is
// seen at once (forgetAccessSettings), other instances within ACCESS_TTL_MS.
import { z } from "zod";
import { type AccessSettings, DEFAULT_ACCESS_SETTINGS } from "@/lib/access/permissions";
import { prisma } from "@/lib/db";

export const ACCESS_SETTINGS_KEY = "access.rules";
const ACCESS_TTL_MS = 5_000;

export const accessSettingsSchema = z.object({ departmentsReadBulletin: z.boolean() });

/** A stored value → settings; anything unreadable falls back to the defaults, field by field. */
export function readStoredAccessSettings(value: unknown): AccessSettings {
  const parsed = accessSettingsSchema.partial().safeParse(value);
  return { ...DEFAULT_ACCESS_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

const store = globalThis as unknown as { __dashboardAccess?: { settings: AccessSettings; at: number } };

export async function getAccessSettings(): Promise<AccessSettings> {
  const cached = store.__dashboardAccess;
  if (cached && Date.now() - cached.at < ACCESS_TTL_MS) return cached.settings;
  const row = await prisma.setting.findUnique({ where: { key: ACCESS_SETTINGS_KEY } });
  const settings = readStoredAccessSettings(row?.value);
  store.__dashboardAccess = { settings, at: Date.now() };
  return settings;
}

export function forgetAccessSettings(): void {
  store.__dashboardAccess = undefined;
}
