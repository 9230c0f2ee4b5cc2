import "server-only";
// The access rules an admin can switch (lib/access/permissions.ts AccessSettings),
// stored as one JSON value in `Setting`. Read on every request by the proxy,
// so kept in this process for a few seconds (lib/access/cached-setting.ts).
import { z } from "zod";
import { cachedSetting } from "@/lib/access/cached-setting";
import { type AccessSettings, DEFAULT_ACCESS_SETTINGS } from "@/lib/access/permissions";

export const ACCESS_SETTINGS_KEY = "access.rules";

export const accessSettingsSchema = z.object({ departmentsReadBulletin: z.boolean() });

const accessSettings = cachedSetting<AccessSettings>(
  ACCESS_SETTINGS_KEY,
  accessSettingsSchema,
  DEFAULT_ACCESS_SETTINGS,
);

export const getAccessSettings = accessSettings.get;
/** Saves the rules, audited with before and after; false when unchanged. */
export const saveAccessSettings = accessSettings.save;
