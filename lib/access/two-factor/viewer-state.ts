// Whether a signed-in viewer must enrol a second factor before anything else (like
// mustChangePassword): their role needs one (permissions.ts requiresTwoFactor, with the security
// administrator's setting for department users) and they have none. Read by lib/access/session.ts.
import { type Role, requiresTwoFactor } from "@/lib/access/permissions";
import { getTwoFactorSettings } from "@/lib/access/two-factor/settings";

export async function mustEnrollTwoFactor(role: Role, enrolled: boolean): Promise<boolean> {
  if (enrolled) return false;
  // Only a department user's answer depends on the setting: the others need no read.
  return requiresTwoFactor(role, role === "DEPARTMENT" && (await getTwoFactorSettings()).departments);
}
