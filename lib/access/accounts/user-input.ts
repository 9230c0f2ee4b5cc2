// What makes a valid user, shared by the admin pages, the CLI and the seed.
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/access/passwords";
import { ROLES } from "@/lib/access/permissions";

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, "用户名须为 2–32 位小写字母、数字、点、下划线或连字符");
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 位`)
  .max(256, "密码过长");
export const displayNameSchema = z.string().trim().min(1, "请填写姓名或名称").max(64, "名称过长");
export const roleSchema = z.enum(ROLES, { message: "请选择角色" });
/** A DEPARTMENT user belongs to exactly one unit; other roles to none. */
export function unitMatchesRole(role: (typeof ROLES)[number], unitCode: string | null | undefined): boolean {
  return role === "DEPARTMENT" ? Boolean(unitCode) : !unitCode;
}

/** The unit select: a code, or blank for none. */
export const unitCodeSchema = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null));

/** A user form's role and unit agree (unitMatchesRole); the error shows at the unit. */
export function withUnitMatchingRole<S extends z.ZodType<{ role: (typeof ROLES)[number]; unitCode: string | null }>>(
  schema: S,
) {
  return schema.refine((u) => unitMatchesRole(u.role, u.unitCode), {
    message: "部门/地区用户须指定所属单位；其他角色不属于单位",
    path: ["unitCode"],
  });
}

export const newUserSchema = withUnitMatchingRole(
  z.object({
    username: usernameSchema,
    displayName: displayNameSchema,
    password: passwordSchema,
    role: roleSchema,
    unitCode: unitCodeSchema,
  }),
);
export type NewUser = z.infer<typeof newUserSchema>;
