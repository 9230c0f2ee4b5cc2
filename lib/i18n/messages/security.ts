// Issue 22 (等保 level 3): the security administrator's page, the audit chain's state on the
// audit administrator's page, and the refusals of the separation of duties.
export const securityZhCN = {
  nav: "安全管理",
  title: "安全管理",
  intro:
    "安全管理员负责访问规则、密码与会话策略、两步验证、账号锁定和用户会话。用户、单位和数据由系统管理员管理，审计日志由审计管理员查阅。",
  locks: {
    title: "被锁定的账号",
    none: "目前没有被锁定的账号。",
    username: "用户名",
    name: "姓名/名称",
    until: "锁定至",
    failures: "连续失败次数",
    unlock: "解除锁定",
    unlocked: "已解除 {username} 的锁定。",
    notLocked: "该账号未被锁定。",
  },
  officerAccount:
    "安全管理员和审计管理员的账号由运维人员用命令行（npm run user:create）创建和修改，系统管理员不能在页面上创建或更改。",
  chain: {
    title: "审计链状态",
    ok: "完整：已逐条校验 {checked} 条记录（HMAC 链），最新序号 {seq}。",
    broken: "断裂：第一个断点在序号 {seq}（记录 {id}）：{reason}",
    legacy: "启用审计链之前的记录 {count} 条（无校验值）。",
    archives: "已归档 {count} 个文件，共 {events} 条记录。",
    verifiedAt: "校验时间",
    export: "导出审计日志（CSV）",
  },
  /** A stored file whose bytes no longer match the SHA-256 recorded when it was stored. */
  fileAltered:
    "存储的文件“{file}”与上传时登记的 SHA-256 校验值不符，可能已被改动或丢失，已拒绝读取，未使用其内容。此事已记入审计日志：请联系系统管理员从备份恢复该文件。",
};

export const securityEn: typeof securityZhCN = {
  nav: "Security",
  title: "Security administration",
  intro:
    "The security administrator manages the access rules, the password and session policy, two-step verification, account locks and users' sessions. Users, units and data are managed by the system administrator; the audit log is read by the audit administrator.",
  locks: {
    title: "Locked accounts",
    none: "No account is locked.",
    username: "Username",
    name: "Name",
    until: "Locked until",
    failures: "Failures in a row",
    unlock: "Unlock",
    unlocked: "{username} is unlocked.",
    notLocked: "This account is not locked.",
  },
  officerAccount:
    "Security and audit administrator accounts are created and changed by the operator on the command line (npm run user:create), not by a system administrator in the browser.",
  chain: {
    title: "State of the audit chain",
    ok: "Intact: {checked} records verified one by one (HMAC chain), latest sequence number {seq}.",
    broken: "Broken: the first break is at sequence number {seq} (record {id}): {reason}",
    legacy: "{count} records from before the chain began (no hash).",
    archives: "{count} archive files holding {events} records.",
    verifiedAt: "Verified at",
    export: "Export the audit log (CSV)",
  },
  fileAltered:
    "The stored file “{file}” no longer matches the SHA-256 recorded when it was uploaded: it may have been altered or lost, and was neither read nor used. This has been recorded in the audit log: ask the system administrator to restore the file from the backup.",
};
