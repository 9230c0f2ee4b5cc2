// Issue 22: the audit events of passwords and sessions read as sentences in both languages.
import { describe, expect, it } from "vitest";
import { getMessages } from "@/lib/i18n/messages";
import { auditSentence } from "./audit-sentence";

const users = new Map([["3", { username: "gaj", displayName: "市公安局" }]]);
const security = { username: "security", displayName: "安全管理员" };
const event = (action: string, actor: typeof security | null) => ({
  action,
  actor,
  targetType: "User",
  targetId: "3",
  month: null,
  details: { session: "00000000-0000-4000-8000-000000000001" },
});

describe("the sentences of issue 22's password and session events", () => {
  it("say who did what to whom, in Chinese", () => {
    const t = getMessages("zh-CN").readers.audit;
    const say = (action: string, actor: typeof security | null = null) =>
      auditSentence(event(action, actor), users, t, "系统");
    expect(say("session.endByAdmin", security)).toBe("安全管理员 结束了 市公安局 的一个会话");
    expect(say("session.idleExpired")).toBe("市公安局 的一个会话因长时间未操作被结束");
    expect(say("session.maxAgeExpired")).toBe("市公安局 的一个会话达到最长时限被结束");
    expect(say("user.passwordExpired")).toBe("市公安局 的密码已过期，登录后须先修改密码");
    expect(say("security.policyUpdate", security)).toBe("安全管理员 修改了密码与会话策略");
    expect(say("user.signOut", { username: "gaj", displayName: "市公安局" })).toBe("市公安局 退出了登录");
    expect(say("session.endOwn", { username: "gaj", displayName: "市公安局" })).toBe("市公安局 结束了自己的另一个会话");
  });

  it("and in English, with no Chinese of their own, each action labelled for the filter", () => {
    const t = getMessages("en").readers.audit;
    const en = auditSentence(
      event("session.endByAdmin", { username: "security", displayName: "Sec" }),
      new Map(),
      t,
      "System",
      "en",
    );
    expect(en).toBe("Sec ended a session of 3");
    for (const action of [
      "user.signOut",
      "user.passwordExpired",
      "session.idleExpired",
      "session.maxAgeExpired",
      "session.endOwn",
      "session.endByAdmin",
      "security.policyUpdate",
    ]) {
      const sentence = (t.sentences as Record<string, string>)[action];
      expect(sentence, action).toBeDefined();
      expect(sentence).not.toMatch(/\p{Script=Han}/u);
      expect((t.actions as Record<string, string>)[action], action).toBeDefined();
      expect((getMessages("zh-CN").readers.audit.actions as Record<string, string>)[action], action).toBeDefined();
    }
  });
});
