// An audit event in words: "张三 发布了 2021年7月 第2版", from the event's action, actor,
// target and details. Pure; the page looks up the names of the users events point at.

import { formatMonthLabel, isMonth } from "@/lib/calendar/month";
import { fill, type Messages } from "@/lib/i18n/messages";

export type AuditEventForWords = {
  action: string;
  actor: { username: string; displayName: string } | null;
  targetType: string | null;
  targetId: string | null;
  month: string | null;
  details: unknown;
};

/** A user as the log names them: their display name ("张三"), else the username. */
export function personName(user: { username: string; displayName: string }): string {
  return user.displayName || user.username;
}

function detail(details: unknown, key: string): unknown {
  return details !== null && typeof details === "object" && key in details
    ? (details as Record<string, unknown>)[key]
    : undefined;
}

export function auditSentence(
  event: AuditEventForWords,
  usersById: ReadonlyMap<string, { username: string; displayName: string }>,
  t: Messages["readers"]["audit"],
  systemLabel: string,
): string {
  const actor = event.actor ? personName(event.actor) : systemLabel;
  const targetUser = event.targetType === "User" && event.targetId ? usersById.get(event.targetId) : undefined;
  const named = detail(event.details, "username");
  const target = targetUser
    ? personName(targetUser)
    : typeof named === "string"
      ? named
      : (event.targetId ?? t.someone);
  const version = detail(event.details, "version");
  const reason = detail(event.details, "reason");
  const count = detail(event.details, "count");
  const month = event.month && isMonth(event.month) ? formatMonthLabel(event.month) : (event.month ?? "");
  const template = (t.sentences as Record<string, string>)[event.action];
  if (!template) return fill(t.sentences.other, { actor, action: event.action });
  return fill(template, {
    actor,
    target,
    month,
    version: typeof version === "number" ? version : "?",
    reason: typeof reason === "string" ? reason : t.unknownReason,
    count: typeof count === "number" ? count : "?",
  });
}

/** The kind of an action in words ("发布月份数据"), or the code when it is new. */
export function actionLabel(action: string, t: Messages["readers"]["audit"]): string {
  return (t.actions as Record<string, string>)[action] ?? action;
}
