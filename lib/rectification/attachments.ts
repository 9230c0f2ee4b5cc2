// Evidence attached to an answer (回告): PDF, DOCX, XLSX, JPG or PNG, at most
// MAX_ATTACHMENT_BYTES, its type read from its content (magic bytes, the `file-type` package)
// and matching its extension; a name with path characters is refused. Checked before anything
// is written: a refused file leaves nothing behind. Stored outside the web root
// (RECTIFICATION_FILES_DIR, default .data/rectification) under its SHA-256, so the name a user
// gave never reaches the file system, and served only through the guarded route.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { recordStoredFileAltered } from "@/lib/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { fill, getMessages, type Locale } from "@/lib/i18n/messages";

import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_NAME, MAX_ATTACHMENTS } from "./limits";

export { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS };

/** Extension → the content type file-type must find, and the one served. */
export const ATTACHMENT_TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
} as const;
type Extension = keyof typeof ATTACHMENT_TYPES;

export type AttachmentRefusal = "badName" | "badType" | "tooLarge" | "mismatch" | "empty" | "tooMany";

export type CheckedAttachment = { fileName: string; contentType: string; bytes: Uint8Array; sha256: string };

export function attachmentDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.RECTIFICATION_FILES_DIR ?? ".data/rectification");
}

/** The stored file of a hash: a hex name, never a user's. */
export function attachmentPath(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error("not a SHA-256");
  return path.join(attachmentDir(), sha256.slice(0, 2), sha256);
}

/** A file name with a path in it, control characters or a leading dot is refused, not cleaned. */
export function isSafeFileName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_ATTACHMENT_NAME) return false;
  if (/[/\\:*?"<>|\u0000-\u001f\u007f]/.test(name)) return false;
  if (name.startsWith(".") || name.includes("..")) return false;
  return name.trim() === name;
}

function extensionOf(name: string): Extension | null {
  const ext = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
  return name.includes(".") && ext in ATTACHMENT_TYPES ? (ext as Extension) : null;
}

export async function checkAttachment(
  fileName: string,
  bytes: Uint8Array,
): Promise<{ ok: true; file: CheckedAttachment } | { ok: false; reason: AttachmentRefusal }> {
  if (!isSafeFileName(fileName)) return { ok: false, reason: "badName" };
  const ext = extensionOf(fileName);
  if (!ext) return { ok: false, reason: "badType" };
  if (bytes.byteLength === 0) return { ok: false, reason: "empty" };
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) return { ok: false, reason: "tooLarge" };
  const found = await fileTypeFromBuffer(bytes);
  const expected = ATTACHMENT_TYPES[ext];
  if (!found || found.mime !== expected) return { ok: false, reason: "mismatch" };
  return {
    ok: true,
    file: { fileName, contentType: expected, bytes, sha256: createHash("sha256").update(bytes).digest("hex") },
  };
}

/** Checks every file of a form before any is stored. Empty parts (no file chosen) are skipped. */
export async function checkAttachments(
  files: readonly File[],
): Promise<{ ok: true; files: CheckedAttachment[] } | { ok: false; reason: AttachmentRefusal; fileName: string }> {
  // A file input with no file chosen still sends an empty part (its name is not even always ""):
  // an empty file is no evidence, and is left out.
  const chosen = files.filter((f) => f.size > 0);
  if (chosen.length > MAX_ATTACHMENTS) return { ok: false, reason: "tooMany", fileName: "" };
  const out: CheckedAttachment[] = [];
  for (const file of chosen) {
    // The size is known before reading: an oversized file is refused without loading it.
    if (file.size > MAX_ATTACHMENT_BYTES) return { ok: false, reason: "tooLarge", fileName: file.name };
    const checked = await checkAttachment(file.name, new Uint8Array(await file.arrayBuffer()));
    if (!checked.ok) return { ok: false, reason: checked.reason, fileName: file.name };
    out.push(checked.file);
  }
  return { ok: true, files: out };
}

/** Writes the file under its hash (a temporary name first, then renamed: never half a file). */
export async function storeAttachment(file: CheckedAttachment): Promise<void> {
  const target = attachmentPath(file.sha256);
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, file.bytes);
  await rename(temporary, target);
}

/** Removes a stored file no row points at (an answer that lost its race). */
export async function removeStoredAttachment(sha256: string): Promise<void> {
  await rm(attachmentPath(sha256), { force: true });
}

export type StoredAttachment = { ok: true; bytes: Uint8Array } | { ok: false; actual: string | null };

/**
 * The stored file of a hash, if its bytes still hash to it; else what they hash to now (null:
 * the file is gone). Read whole (at most MAX_ATTACHMENT_BYTES) and checked before any byte is
 * served: a file changed on disk is not served as the evidence it claims to be.
 */
export async function readStoredAttachment(sha256: string): Promise<StoredAttachment> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(attachmentPath(sha256)));
  } catch {
    return { ok: false, actual: null };
  }
  const actual = createHash("sha256").update(bytes).digest("hex");
  return actual === sha256 ? { ok: true, bytes } : { ok: false, actual };
}

/**
 * An attachment's bytes for the viewer `actorId`, or the refusal's message when they no longer
 * match the SHA-256 recorded at upload (altered or lost): that refusal is audited.
 */
export async function attachmentBytes(
  db: PrismaClient,
  actorId: number | null,
  attachment: { id: number; fileName: string; sha256: string },
  locale: Locale,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; message: string }> {
  const stored = await readStoredAttachment(attachment.sha256);
  if (stored.ok) return stored;
  await recordStoredFileAltered(db, actorId, {
    targetType: "RectificationAttachment",
    targetId: String(attachment.id),
    fileName: attachment.fileName,
    expected: attachment.sha256,
    actual: stored.actual,
  });
  return { ok: false, message: fill(getMessages(locale).security.fileAltered, { file: attachment.fileName }) };
}
