// Issue 22 (身份鉴别): the one-time code at sign-in, enrolment (/account/two-factor) and the
// security administrator's switch and reset (/admin/security).
export const twoFactorZhCN = {
  signIn: {
    code: "动态验证码",
    codeHint:
      "已启用两步验证的账号必填：身份验证器 App 显示的 6 位数字，或一个恢复码。验证码不正确时，提示与密码错误相同。",
  },
  page: {
    title: "两步验证",
    lead: "您的账号须使用两步验证：登录时除密码外，还要输入手机上身份验证器 App 显示的动态验证码。请先完成绑定。",
    scan: "1. 用身份验证器 App（如腾讯身份验证器、Microsoft Authenticator、Google Authenticator、FreeOTP）扫描下面的二维码。",
    qrAlt: "两步验证二维码（内容与下方密钥相同）",
    manual: "无法扫描时，在 App 中选择“手动输入”，账号填 {username}，密钥填：",
    secret: "密钥",
    confirmLead: "2. 输入 App 显示的 6 位动态验证码，确认绑定（{minutes} 分钟内有效，过期请刷新本页）。",
    code: "动态验证码",
    confirm: "确认绑定",
    confirming: "正在确认…",
    errors: {
      expired: "本页已过期，请刷新后重新扫描二维码。",
      wrongCode: "动态验证码不正确：请确认手机时间准确，并输入 App 当前显示的 6 位数字。",
      alreadyEnrolled: "您的账号已启用两步验证。",
      signedOut: "登录已失效，请重新登录。",
    },
    done: "两步验证已启用。您的其他登录会话已结束。",
    recoveryTitle: "恢复码（只显示这一次）",
    recoveryLead:
      "手机丢失或无法使用 App 时，可在登录页“动态验证码”一栏输入一个恢复码，每个恢复码只能用一次。请抄写或打印后妥善保管，不要保存在同一部手机上。",
    continue: "我已保存恢复码，进入系统",
    enrolled:
      "您的账号已于 {date} 启用两步验证，剩余恢复码 {count} 个。更换手机或恢复码用完时，请联系安全管理员重置，下次登录时重新绑定。",
    signOut: "退出登录",
  },
  admin: {
    title: "两步验证",
    lead: "系统管理员、领导、安全管理员和审计管理员登录时必须使用两步验证（密码 + 动态验证码）。部门和地区用户是否也必须使用，由下面的设置决定。",
    departments: "部门和地区用户也必须使用两步验证（未启用者下次访问时须先绑定）",
    save: "保存",
    saved: "已保存。",
    unchanged: "设置没有变化。",
    resetTitle: "重置用户的两步验证",
    resetLead:
      "用户更换手机或丢失恢复码时使用：其两步验证和恢复码被删除，所有会话立即结束，下次登录时重新绑定。此操作记入审计日志。",
    username: "用户名",
    reset: "重置两步验证",
    resetDone: "已重置 {username} 的两步验证：其所有会话已结束，下次登录时须重新绑定。",
    notEnrolled: "{username} 没有启用两步验证，未做任何更改。",
    unknownUser: "没有用户名为 {username} 的账号。",
    required: "请输入用户名。",
  },
};

export const twoFactorEn: typeof twoFactorZhCN = {
  signIn: {
    code: "One-time code",
    codeHint:
      "Required for accounts with two-step verification: the 6 digits your authenticator app shows, or a recovery code. A wrong code gets the same answer as a wrong password.",
  },
  page: {
    title: "Two-step verification",
    lead: "Your account signs in with two steps: your password and the one-time code an authenticator app on your phone shows. Set it up first.",
    scan: "1. Scan this QR code with an authenticator app (Microsoft Authenticator, Google Authenticator, FreeOTP or another).",
    qrAlt: "QR code for two-step verification (the same as the key below)",
    manual: "If you cannot scan it, choose “enter a setup key” in the app, with the account {username} and the key:",
    secret: "Key",
    confirmLead:
      "2. Enter the 6-digit code the app shows to confirm (valid for {minutes} minutes; after that, reload this page).",
    code: "One-time code",
    confirm: "Confirm",
    confirming: "Confirming…",
    errors: {
      expired: "This page has expired. Reload it and scan the new QR code.",
      wrongCode:
        "That code is not right. Check that your phone's clock is correct and enter the 6 digits the app shows now.",
      alreadyEnrolled: "Your account already has two-step verification.",
      signedOut: "Your session has ended. Sign in again.",
    },
    done: "Two-step verification is on. Your other sessions have ended.",
    recoveryTitle: "Recovery codes (shown only now)",
    recoveryLead:
      "If you lose your phone or cannot use the app, type one of these codes in the one-time code field when you sign in. Each works once. Write them down or print them and keep them safe, not on the same phone.",
    continue: "I have saved my recovery codes: continue",
    enrolled:
      "Two-step verification has been on for your account since {date}; {count} recovery codes are left. When you change phones or run out of codes, ask the security administrator to reset it, and set it up again at your next sign-in.",
    signOut: "Sign out",
  },
  admin: {
    title: "Two-step verification",
    lead: "System administrators, officials, security and audit administrators always sign in with two steps (password and one-time code). Whether department and county users must too is set here.",
    departments:
      "Department and county users must also use two-step verification (those without it set it up at their next visit)",
    save: "Save",
    saved: "Saved.",
    unchanged: "Nothing changed.",
    resetTitle: "Reset a user's two-step verification",
    resetLead:
      "For a user who changed phones or lost their recovery codes: their second factor and recovery codes are removed, all their sessions end, and they set it up again at their next sign-in. Recorded in the audit log.",
    username: "Username",
    reset: "Reset two-step verification",
    resetDone:
      "{username}'s two-step verification is reset: their sessions have ended; they set it up again at their next sign-in.",
    notEnrolled: "{username} has no two-step verification; nothing was changed.",
    unknownUser: "There is no account with the username {username}.",
    required: "Enter a username.",
  },
};
