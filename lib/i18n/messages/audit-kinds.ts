// The audit log's words (/admin/audit) for the events of the daily feed (daily.*, token.*, issue 20)
// and of 整改 (rectification.*, issue 21): each kind's label (the filter) and its sentence, which
// lib/audit/audit-sentence.ts fills from the event's details. Spread into readers.audit's actions
// and sentences in zh-CN.ts and en.ts. zh-CN first; en typed by it.
export const auditKindsZhCN = {
  actions: {
    "daily.ingest": "导入每日数据",
    "daily.closeMonth": "每日数据关账",
    "token.create": "创建接口令牌",
    "token.revoke": "吊销接口令牌",
    "token.use": "使用接口令牌",
    "rectification.create": "开出整改任务",
    "rectification.withdraw": "撤销整改任务",
    "rectification.answer": "提交整改反馈",
    "rectification.return": "退回整改反馈",
    "rectification.close": "整改任务销号",
  },
  sentences: {
    "daily.ingest":
      "{actor} 导入了 {month} 截至 {asOf} 的每日数据：办件 {cases} 件，其中 {stale} 件早于已有记录、未采用",
    "daily.closeMonth": "{actor} 将 {month} 的每日数据关账，定为第{version}版（办件 {cases} 件）",
    "token.create": "{actor} 创建了接口令牌“{name}”（{scope}）",
    "token.revoke": "{actor} 吊销了接口令牌“{name}”",
    "token.use": "接口令牌“{name}”调用了 {path}",
    "rectification.create": "{actor} 为 {unit} 开出整改任务 #{target}（{month}，{subject}），反馈期限 {due}",
    "rectification.withdraw": "{actor} 撤销了整改任务 #{target}（{month}，第{edition}版不再点名）：{reason}",
    "rectification.answer": "{actor} 提交了整改任务 #{target} 的第 {seq} 次反馈（佐证材料 {files} 个）",
    "rectification.return": "{actor} 退回了整改任务 #{target} 的第 {seq} 次反馈：{comment}",
    "rectification.close": "{actor} 对整改任务 #{target} 销号（第 {seq} 次反馈）",
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type AuditKindsMessages = Widen<typeof auditKindsZhCN>;

export const auditKindsEn: AuditKindsMessages = {
  actions: {
    "daily.ingest": "Daily feed imported",
    "daily.closeMonth": "Daily feed closed for the month",
    "token.create": "API token created",
    "token.revoke": "API token revoked",
    "token.use": "API token used",
    "rectification.create": "Rectification task opened",
    "rectification.withdraw": "Rectification task withdrawn",
    "rectification.answer": "Rectification answer submitted",
    "rectification.return": "Rectification answer sent back",
    "rectification.close": "Rectification task closed",
  },
  sentences: {
    "daily.ingest":
      "{actor} imported the daily feed of {month} as of {asOf}: {cases} cases, {stale} of them older than the records held and not applied",
    "daily.closeMonth": "{actor} closed the daily feed of {month} as version {version} ({cases} cases)",
    "token.create": "{actor} created the API token “{name}” ({scope})",
    "token.revoke": "{actor} revoked the API token “{name}”",
    "token.use": "The API token “{name}” called {path}",
    "rectification.create": "{actor} opened rectification task #{target} for {unit} ({month}, {subject}), due {due}",
    "rectification.withdraw":
      "{actor} withdrew rectification task #{target} ({month}; edition {edition} no longer names it): {reason}",
    "rectification.answer": "{actor} submitted answer {seq} to rectification task #{target} (evidence files: {files})",
    "rectification.return": "{actor} sent back answer {seq} to rectification task #{target}: {comment}",
    "rectification.close": "{actor} closed rectification task #{target} (answer {seq} accepted)",
  },
};
