// An audit event in words: "张三 发布了 2021年7月 第2版", from the event's action, actor,
// target and details. Pure; the page looks up the names of the users events point at.

import { formatMonthLabel, isMonth } from "@/lib/calendar/month";
import { fill, getMessages, type Messages } from "@/lib/i18n/messages";

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
  const kinds = kindValues(event, locale);
  for (const name of kinds.names) names.add(name);
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
      ...kinds.values,
    },
    names,
  };
}

/**
 * The values of the daily feed's (daily.*, token.*) and 整改's (rectification.*) sentences, from
 * what their events record (lib/supervision/daily-feed, lib/rectification). What a detail lacks
 * reads "?" rather than a bare placeholder.
 */
function kindValues(
  event: AuditEventForWords,
  locale: "zh-CN" | "en",
): { values: Record<string, string | number>; names: string[] } {
  const text = (key: string) => {
    const value = detail(event.details, key);
    return typeof value === "string" && value !== "" ? value : null;
  };
  const number = (key: string) => {
    const value = detail(event.details, key);
    return typeof value === "number" ? value : "?";
  };
  const r = getMessages(locale).rectification;
  const names: string[] = [];
  // The token's name and a reviewer's comment are free text; a unit's name is data.
  if (text("name")) names.push("name");
  if (text("comment")) names.push("comment");
  const unitName = text("unitName");
  if (unitName) names.push("unit");
  const problemKind = text("problemKind");
  const caseNo = text("caseNo");
  const problem = problemKind ? ((r.problems as Record<string, string>)[problemKind] ?? problemKind) : null;
  const subject = caseNo ? `${r.kinds.RED_CARD} ${caseNo}` : [problem, text("figure")].filter(Boolean).join(" ");
  const attachments = detail(event.details, "attachments");
  return {
    values: {
      name: text("name") ?? "?",
      scope: text("scope") ?? "?",
      path: text("path") ?? "?",
      asOf: text("asOf") ?? "?",
      cases: number("cases"),
      stale: number("stale"),
      seq: number("seq"),
      edition: number("edition"),
      files: Array.isArray(attachments) ? attachments.length : 0,
      comment: text("comment") ?? "—",
      // A task of no unit is the administration's own (a city-wide figure).
      unit: unitName ?? text("unitCode") ?? r.administration,
      subject: subject || "?",
      due: text("dueDate") ?? "?",
      // A month's close records the version it made as `number`.
      ...(event.action === "daily.closeMonth" ? { version: number("number") } : {}),
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
