// The evidence limits, on their own without imports: next.config.ts reads ANSWER_BODY_LIMIT.
// An answer is a server action's body: these keep it under serverActions.bodySizeLimit.
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS = 2;
export const MAX_ATTACHMENT_NAME = 120;
/** What next.config.ts allows a server action's body: the files and the form's text. */
export const ANSWER_BODY_LIMIT = MAX_ATTACHMENT_BYTES * MAX_ATTACHMENTS + 512 * 1024;
