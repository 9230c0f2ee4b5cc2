// The limits of a bulk-accounts file, shared by the form (checked before sending, in the
// user's language) and the server (bulk-accounts.ts, the server action). Nothing here may
// import server code: the form is a client component.
import { fill } from "@/lib/i18n/fill";

/** Accounts one upload may create. */
export const MAX_BULK_ROWS = 500;

/**
 * The largest file. A server action's request body is capped by Next
 * (experimental.serverActions.bodySizeLimit, 1 MB by default, kept: it bounds every action):
 * a larger body fails inside Next with a bare 500 before the action runs. So the file's limit
 * sits below it, with room for the multipart framing, and the form refuses a larger file
 * itself (issue 19, item 3). 960 KB holds tens of thousands of account rows.
 */
export const MAX_BULK_FILE_BYTES = 960 * 1024;

/** 960 KB, 1.5 MB: a size as the message writes it. */
export function formatFileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** The message for a file over the limit, from the `readers.bulk.tooLarge` template of the user's language. */
export function bulkFileTooLarge(file: { name: string; size: number }, template: string): string {
  return fill(template, {
    file: file.name,
    size: formatFileSize(file.size),
    limit: formatFileSize(MAX_BULK_FILE_BYTES),
    rows: MAX_BULK_ROWS,
  });
}
