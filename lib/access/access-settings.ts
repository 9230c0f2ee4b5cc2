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

/** A stored value → settings; anything unreadable falls back to the defaults, field by field. */
export const readStoredAccessSettings = accessSettings.read;
export const getAccessSettings = accessSettings.get;
export const forgetAccessSettings = accessSettings.forget;
