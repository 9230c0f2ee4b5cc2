// Demo accounts for the embedded default and the tests — DEMO ONLY: their
// passwords are public (README). The seed creates them only in a database that
// has no users yet, and not at all with SEED_DEMO_USERS=0.
import type { NewUser } from "@/lib/access/accounts/user-input";

export const DEMO_USERS: NewUser[] = [
  { username: "admin", displayName: "系统管理员", password: "admin-demo-2021", role: "SYSTEM_ADMIN", unitCode: null },
  {
    username: "official",
    displayName: "市政务服务管理局领导",
    password: "official-demo-2021",
    role: "OFFICIAL",
    unitCode: null,
  },
  { username: "gaj", displayName: "市公安局", password: "gaj-demo-2021", role: "DEPARTMENT", unitCode: "d08" },
  { username: "xuanhan", displayName: "宣汉县", password: "xuanhan-demo-2021", role: "DEPARTMENT", unitCode: "x04" },
  // Issue 22 (三员分立): the security and audit administrators, after the others (their ids are 5 and 6).
  {
    username: "security",
    displayName: "安全管理员",
    password: "security-demo-2021",
    role: "SECURITY_ADMIN",
    unitCode: null,
  },
  { username: "auditor", displayName: "审计管理员", password: "auditor-demo-2021", role: "AUDITOR", unitCode: null },
];
