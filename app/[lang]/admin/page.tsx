import { redirect } from "next/navigation";
import { requirePagePermission } from "@/lib/access/guard";
import { can } from "@/lib/access/permissions";
import { localePath } from "@/lib/i18n/locale";
import { pageLocale } from "@/lib/i18n/page-locale";

export default async function AdminHome() {
  const viewer = await requirePagePermission("data.manage", "/admin");
  redirect(localePath(await pageLocale(), can(viewer, "users.manage") ? "/admin/users" : "/"));
}
