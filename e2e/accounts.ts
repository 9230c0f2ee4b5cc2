// The seed's demo accounts (prisma/seed-data/demo-users.ts; README) and where
// each one's signed-in browser state is kept for the specs.
export const ACCOUNTS = {
  admin: { username: "admin", password: "admin-demo-2021", name: "系统管理员" },
  official: { username: "official", password: "official-demo-2021", name: "市政务服务管理局领导" },
  gaj: { username: "gaj", password: "gaj-demo-2021", name: "市公安局" },
  xuanhan: { username: "xuanhan", password: "xuanhan-demo-2021", name: "宣汉县" },
  // Issue 22 (三员分立): the security and audit administrators.
  security: { username: "security", password: "security-demo-2021", name: "安全管理员" },
  auditor: { username: "auditor", password: "auditor-demo-2021", name: "审计管理员" },
} as const;
export type AccountKey = keyof typeof ACCOUNTS;

export const storageStateOf = (account: AccountKey) => `test-results/.auth/${account}.json`;
