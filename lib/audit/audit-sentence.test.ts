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
