// POST /api/uploads (multipart: one or more `file` parts, optional month): stage them as ONE
// upload for the preview (one workbook or CSV, or one file per annex plus a summary CSV).
// Admins only (data.manage). Limits (lib/annex-upload/parse/limits.ts): at most MAX_UPLOAD_FILES files of
// MAX_UPLOAD_BYTES each. The body's size is checked on Content-Length before it is read (413);
// the proxy buffers bodies up to the same MAX_UPLOAD_BODY_BYTES (next.config.ts), so a body
// within it reaches this handler whole; then each file's size (413, naming the file); each
// file is checked again by lib/annex-upload/parse.

import { MAX_UPLOAD_BODY_BYTES, MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES } from "@/lib/annex-upload/parse";
import { formatBytes } from "@/lib/annex-upload/parse/validation-problems";
import { stageUploadedFiles } from "@/lib/annex-upload/uploads";
import { isMonth } from "@/lib/calendar/month";
import { withGuard } from "@/lib/http/with-guard";
import { fill, getMessages } from "@/lib/i18n/messages";

export const dynamic = "force-dynamic";

const limitValues = {
  files: MAX_UPLOAD_FILES,
  perFile: formatBytes(MAX_UPLOAD_BYTES),
  limit: formatBytes(MAX_UPLOAD_BODY_BYTES),
};

export const POST = withGuard("data.manage", async ({ request, viewer }) => {
  const t = getMessages().uploadLimits;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_UPLOAD_BODY_BYTES) {
    return Response.json(
      { kind: "rejected", message: fill(t.bodyTooLarge, { ...limitValues, size: formatBytes(declared) }) },
      { status: 413 },
    );
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ kind: "rejected", message: fill(t.unreadableBody, limitValues) }, { status: 400 });
  }
  const files = form.getAll("file").filter((f): f is File => f instanceof File && (f.size > 0 || f.name !== ""));
  if (files.length === 0) return Response.json({ kind: "rejected", message: "请选择文件。" }, { status: 400 });
  if (files.length > MAX_UPLOAD_FILES) {
    return Response.json(
      { kind: "rejected", message: `一次最多上传 ${MAX_UPLOAD_FILES} 个文件（收到 ${files.length} 个）。` },
      { status: 400 },
    );
  }
  const tooLarge = files.find((f) => f.size > MAX_UPLOAD_BYTES);
  if (tooLarge) {
    return Response.json(
      {
        kind: "rejected",
        message: fill(t.fileTooLarge, {
          file: tooLarge.name,
          size: formatBytes(tooLarge.size),
          limit: formatBytes(MAX_UPLOAD_BYTES),
        }),
      },
      { status: 413 },
    );
  }
  const monthField = form.get("month");
  const month = typeof monthField === "string" && isMonth(monthField) ? monthField : null;
  const result = await stageUploadedFiles({
    files: await Promise.all(
      files.map(async (f, i) => ({
        fileName: f.name || `upload-${i + 1}`,
        bytes: new Uint8Array(await f.arrayBuffer()),
      })),
    ),
    month,
    uploadedById: viewer.userId,
  });
  if (result.kind === "staged")
    return Response.json({ ...result, url: `/admin/uploads/${result.uploadId}` }, { status: 201 });
  if (result.kind === "duplicate") {
    return Response.json(
      {
        ...result,
        message: `${files.length > 1 ? "这组文件" : "该文件"}与已发布的 ${result.month} 第 ${result.versionNumber ?? "?"} 版完全相同（SHA-256 一致），无需重复发布。`,
        url: `/admin/months/${result.month}`,
      },
      { status: 409 },
    );
  }
  return Response.json(result, { status: 422 });
});
