import { redirect } from "next/navigation";
import { requirePagePermission } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";

export default async function AdminHome() {
  const viewer = await requirePagePermission("data.manage", "/admin");
  redirect(can(viewer, "users.manage") ? "/admin/users" : "/");
}
