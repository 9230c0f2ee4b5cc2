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

/**
 * The sentence's template and its values, with which values are names from the data (a person,
 * a free-text reason): a page sets those apart (lang="zh-CN" on an English page).
 */
export function auditSentenceParts(
  event: AuditEventForWords,
  usersById: ReadonlyMap<string, { username: string; displayName: string }>,
  t: Messages["readers"]["audit"],
  systemLabel: string,
  locale: "zh-CN" | "en" = "zh-CN",
): { template: string; values: Record<string, string | number>; names: ReadonlySet<string> } {
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
  const fileName = detail(event.details, "fileName");
  const month = event.month && isMonth(event.month) ? formatMonthLabel(event.month, locale) : (event.month ?? "");
  const names = new Set<string>();
  if (event.actor) names.add("actor");
  if (targetUser || typeof named === "string") names.add("target");
  if (typeof reason === "string") names.add("reason");
  if (typeof fileName === "string") names.add("file");
  const template = (t.sentences as Record<string, string>)[event.action];
  if (!template) return { template: t.sentences.other, values: { actor, action: event.action }, names };
  return {
    template,
    values: {
      actor,
      target,
      month,
      version: typeof version === "number" ? version : "?",
      reason: typeof reason === "string" ? reason : t.unknownReason,
      count: typeof count === "number" ? count : "?",
      file: typeof fileName === "string" ? fileName : (event.targetId ?? "?"),
    },
    names,
  };
}

export function auditSentence(
  event: AuditEventForWords,
  usersById: ReadonlyMap<string, { username: string; displayName: string }>,
  t: Messages["readers"]["audit"],
  systemLabel: string,
  locale: "zh-CN" | "en" = "zh-CN",
): string {
  const { template, values } = auditSentenceParts(event, usersById, t, systemLabel, locale);
  return fill(template, values);
}

/** The kind of an action in words ("发布月份数据"), or the code when it is new. */
export function actionLabel(action: string, t: Messages["readers"]["audit"]): string {
  return (t.actions as Record<string, string>)[action] ?? action;
}
