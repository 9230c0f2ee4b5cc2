// Whether department and county users must have a second factor too (issue 22: "switchable for
// department users"): a Setting the security administrator changes on /admin/security, off by
// default. The other roles always need one (permissions.ts requiresTwoFactor). Read by the proxy
// on every request for a department user without a second factor: cached for a few seconds
// (lib/access/cached-setting.ts).
import { z } from "zod";
import { cachedSetting } from "@/lib/access/cached-setting";

export const TWO_FACTOR_SETTINGS_KEY = "security.twoFactor";
export type TwoFactorSettings = { departments: boolean };
export const DEFAULT_TWO_FACTOR_SETTINGS: TwoFactorSettings = { departments: false };

const twoFactorSettings = cachedSetting<TwoFactorSettings>(
  TWO_FACTOR_SETTINGS_KEY,
  z.object({ departments: z.boolean() }),
  DEFAULT_TWO_FACTOR_SETTINGS,
);

export const getTwoFactorSettings = twoFactorSettings.get;
/** Saves the switch, audited with before and after; false when unchanged. */
export const saveTwoFactorSettings = twoFactorSettings.save;
