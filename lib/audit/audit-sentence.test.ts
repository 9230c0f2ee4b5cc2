import { describe, expect, it } from "vitest";
import { getMessages } from "@/lib/i18n/messages";
import { auditSentence, auditSentenceParts } from "./audit-sentence";

const t = getMessages().readers.audit;
const zhang = { username: "zhangsan", displayName: "张三" };
const users = new Map([["7", { username: "gaj", displayName: "市公安局" }]]);

describe("auditSentence", () => {
  it("says who published which month's version", () => {
    const event = {
      action: "month.publish",
      actor: zhang,
      targetType: "MonthVersion",
      targetId: "12",
      month: "2021-07",
      details: { version: 2 },
    };
    expect(auditSentence(event, users, t, "系统")).toBe("张三 发布了 2021年7月 第2版");
  });

  it("names the user an event is about, and failed sign-ins with their reason", () => {
    expect(
      auditSentence(
        { action: "user.resetPassword", actor: zhang, targetType: "User", targetId: "7", month: null, details: null },
        users,
        t,
        "系统",
      ),
    ).toBe("张三 重置了 市公安局 的密码");
    expect(
      auditSentence(
        {
          action: "user.signInFailed",
          actor: null,
          targetType: null,
          targetId: null,
          month: null,
          details: { username: "nobody", reason: "密码错误" },
        },
        users,
        t,
        "系统",
      ),
    ).toBe("nobody 登录失败（密码错误）");
    expect(
      auditSentence(
        {
          action: "user.locked",
          actor: null,
          targetType: "User",
          targetId: "7",
          month: null,
          details: { username: "gaj" },
        },
        users,
        t,
        "系统",
      ),
    ).toBe("市公安局 因连续输错密码被锁定");
  });

  it("words the second factor's events (issue 22), in Chinese and in English", () => {
    const en = getMessages("en").readers.audit;
    const reset = {
      action: "user.twoFactorReset",
      actor: zhang,
      targetType: "User",
      targetId: "7",
      month: null,
      details: { username: "gaj" },
    };
    expect(auditSentence(reset, users, t, "系统")).toBe("张三 重置了 市公安局 的两步验证，该用户下次登录时须重新绑定");
    expect(auditSentence(reset, users, en, "System", "en")).toBe(
      "张三 reset 市公安局's two-step verification; they set it up again at next sign-in",
    );
    const failed = {
      action: "user.twoFactorFailed",
      actor: null,
      targetType: "User",
      targetId: "7",
      month: null,
      details: { username: "gaj", reason: "wrongCode" },
    };
    expect(auditSentence(failed, users, t, "系统")).toBe("市公安局 登录时密码正确，但动态验证码未通过（wrongCode）");
    for (const action of ["user.twoFactorEnrolled", "user.twoFactorRecoveryUsed", "user.demoRefused"]) {
      const event = { action, actor: zhang, targetType: "User", targetId: "7", month: null, details: null };
      expect(auditSentence(event, users, t, "系统")).not.toContain(action);
      expect(auditSentence(event, users, en, "System", "en")).not.toContain(action);
    }
  });

  it("falls back to the code for an action it has no words for", () => {
    expect(
      auditSentence(
        { action: "data.export", actor: null, targetType: null, targetId: null, month: null, details: null },
        users,
        t,
        "系统",
      ),
    ).toBe("系统 data.export");
  });

  it("says which stored file failed its SHA-256 check and that it was not served, in both languages", () => {
    const event = {
      action: "file.integrityFailed",
      actor: zhang,
      targetType: "UploadFile",
      targetId: "12",
      month: "2021-07",
      details: { fileName: "附件1.xlsx", expected: "a".repeat(64), actual: "b".repeat(64) },
    };
    expect(auditSentence(event, users, t, "系统")).toBe(
      "张三 读取存储的文件“附件1.xlsx”时，其 SHA-256 与存储时登记的不符（可能已被改动或丢失）：已拒绝，未提供其内容",
    );
    const en = getMessages("en").readers.audit;
    expect(auditSentence(event, users, en, "System", "en")).toBe(
      "The stored file “附件1.xlsx” read by 张三 no longer matched the SHA-256 recorded when it was stored (altered or lost): refused, its content not served",
    );
    expect(auditSentenceParts(event, users, en, "System", "en").names.has("file")).toBe(true);
  });
});

describe("the daily feed's and 整改's events (issues 20, 21)", () => {
  const en = getMessages("en").readers.audit;
  const admin = { username: "admin", displayName: "系统管理员" };
  const official = { username: "official", displayName: "市政务服务管理局领导" };
  const event = (
    action: string,
    actor: typeof zhang | null,
    details: unknown,
    targetId = "41",
    month: string | null = "2021-06",
  ) => ({
    action,
    actor,
    targetType: action.startsWith("token.")
      ? "ApiToken"
      : action.startsWith("daily.")
        ? "DailyBatch"
        : "RectificationTask",
    targetId,
    month,
    details,
  });
  const both = (e: ReturnType<typeof event>) => [
    auditSentence(e, users, t, "系统"),
    auditSentence(e, users, en, "System", "en"),
  ];
  const KINDS = [
    "daily.ingest",
    "daily.closeMonth",
    "token.create",
    "token.revoke",
    "token.use",
    "rectification.create",
    "rectification.withdraw",
    "rectification.answer",
    "rectification.return",
    "rectification.close",
  ];

  it("has a sentence and a label of its own for every kind, in both languages", () => {
    for (const kind of KINDS)
      for (const messages of [t, en]) {
        expect((messages.sentences as Record<string, string>)[kind], kind).toBeTruthy();
        expect((messages.actions as Record<string, string>)[kind], kind).toBeTruthy();
      }
    const zhSentences = new Set(KINDS.map((k) => (t.sentences as Record<string, string>)[k]));
    expect(zhSentences.size).toBe(KINDS.length);
  });

  it("says which token was made, revoked and used", () => {
    expect(
      both(
        event("token.create", admin, { name: "一体化平台推送", scope: "cases:ingest", prefix: "dft_ab12" }, "3", null),
      ),
    ).toEqual([
      "系统管理员 创建了接口令牌“一体化平台推送”（cases:ingest）",
      "系统管理员 created the API token “一体化平台推送” (cases:ingest)",
    ]);
    expect(both(event("token.revoke", admin, { name: "旧令牌", scope: "cases:ingest" }, "3", null))[0]).toBe(
      "系统管理员 吊销了接口令牌“旧令牌”",
    );
    expect(
      both(event("token.use", null, { name: "平台", scope: "cases:ingest", path: "/api/v1/cases" }, "3", null)),
    ).toEqual(["接口令牌“平台”调用了 /api/v1/cases", "The API token “平台” called /api/v1/cases"]);
  });

  it("gives the daily feed's batch and month close their figures", () => {
    const ingest = event(
      "daily.ingest",
      null,
      { source: "API", asOf: "2021-07-09", cases: 1200, applied: 1180, stale: 20 },
      "9",
      "2021-07",
    );
    expect(both(ingest)).toEqual([
      "系统 导入了 2021年7月 截至 2021-07-09 的每日数据：办件 1200 件，其中 20 件早于已有记录、未采用",
      "System imported the daily feed of July 2021 as of 2021-07-09: 1200 cases, 20 of them older than the records held and not applied",
    ]);
    const close = event(
      "daily.closeMonth",
      admin,
      { number: 3, cases: 5400, evaluations: 10, items: 4 },
      "77",
      "2021-07",
    );
    expect(both(close)[0]).toBe("系统管理员 将 2021年7月 的每日数据关账，定为第3版（办件 5400 件）");
  });

  it("tells a task's life: opened for a unit or the administration, withdrawn, answered, returned, closed", () => {
    const opened = event("rectification.create", admin, {
      key: "PROBLEM:2021-06:lowCoverage:d08",
      edition: 1,
      problemKind: "lowCoverage",
      unitCode: "d08",
      unitName: "市公安局",
      figure: "42.86%",
      dueDate: "2021-10-20",
    });
    expect(both(opened)).toEqual([
      "系统管理员 为 市公安局 开出整改任务 #41（2021年6月，办件覆盖率较低 42.86%），反馈期限 2021-10-20",
      "系统管理员 opened rectification task #41 for 市公安局 (June 2021, Low case coverage 42.86%), due 2021-10-20",
    ]);
    // The unit's name is data: set apart on an English page.
    expect(auditSentenceParts(opened, users, en, "System", "en").names.has("unit")).toBe(true);
    const city = event("rectification.create", admin, {
      problemKind: "lowCatalogClaim",
      unitCode: null,
      figure: "97.80%",
      dueDate: "2021-10-20",
    });
    expect(both(city)[0]).toBe(
      "系统管理员 为 市政务服务管理局（本级） 开出整改任务 #41（2021年6月，事项目录清单未及时认领 97.80%），反馈期限 2021-10-20",
    );
    expect(auditSentenceParts(city, users, en, "System", "en").names.has("unit")).toBe(false);
    const card = event(
      "rectification.create",
      null,
      { caseNo: "RC-001", unitCode: "d08", unitName: "市公安局", dueDate: "2021-07-20" },
      "42",
      "2021-07",
    );
    expect(both(card)[0]).toBe("系统 为 市公安局 开出整改任务 #42（2021年7月，红牌 RC-001），反馈期限 2021-07-20");
    expect(
      both(event("rectification.withdraw", admin, { edition: 2, reason: "覆盖率阈值更正", previousStatus: "OPEN" }))[0],
    ).toBe("系统管理员 撤销了整改任务 #41（2021年6月，第2版不再点名）：覆盖率阈值更正");
    const answered = event("rectification.answer", users.get("7")!, {
      seq: 1,
      previousStatus: "OPEN",
      attachments: [{ fileName: "整改报告.pdf", sha256: "ab", size: 40 }],
    });
    expect(both(answered)).toEqual([
      "市公安局 提交了整改任务 #41 的第 1 次反馈（佐证材料 1 个）",
      "市公安局 submitted answer 1 to rectification task #41 (evidence files: 1)",
    ]);
    expect(both(event("rectification.return", official, { seq: 1, comment: "请补充核查清单" }))).toEqual([
      "市政务服务管理局领导 退回了整改任务 #41 的第 1 次反馈：请补充核查清单",
      "市政务服务管理局领导 sent back answer 1 to rectification task #41: 请补充核查清单",
    ]);
    expect(both(event("rectification.close", official, { seq: 2, comment: null }))[0]).toBe(
      "市政务服务管理局领导 对整改任务 #41 销号（第 2 次反馈）",
    );
  });

  it("writes no Chinese of its own on an English page: only names and free text are Chinese", () => {
    const han = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
    const samples = [
      event("rectification.create", null, {
        problemKind: "overdue",
        unitCode: null,
        figure: "3",
        dueDate: "2021-10-20",
      }),
      event("rectification.answer", null, { seq: 2, attachments: [] }),
      event("rectification.close", null, { seq: 2 }),
      event("daily.ingest", null, { asOf: "2021-07-09", cases: 1, stale: 0 }),
      event("token.use", null, { name: "platform", path: "/api/v1/cases" }),
    ];
    for (const e of samples) expect(auditSentence(e, users, en, "System", "en"), e.action).not.toMatch(han);
  });
});
