// POST /api/uploads (multipart: one or more `file` parts, optional month): stage them as ONE
// upload for the preview (one workbook or CSV, or one file per annex plus a summary CSV).
// Admins only (data.manage). The size limit (per file × at most MAX_UPLOAD_FILES files) is
// checked on Content-Length before the body is read, then the files' total against the per-file
// limit × their count; each file is checked again by lib/import.
import { prisma } from "@/lib/db";
import { guardRoute } from "@/lib/auth/guard";
import { MAX_UPLOAD_BYTES } from "@/lib/import";
import { isMonth } from "@/lib/month";
import { stageUpload } from "@/lib/uploads/stage-upload";

export const dynamic = "force-dynamic";

/** Two annexes and a summary CSV, with room for one more. */
export const MAX_UPLOAD_FILES = 4;
const MB = 1024 * 1024;

export async function POST(request: Request): Promise<Response> {
  const guard = await guardRoute("data.manage");
  if (!guard.ok) return guard.response;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_UPLOAD_BYTES * MAX_UPLOAD_FILES + 64 * 1024) {
    return Response.json(
      { kind: "rejected", message: `文件过大：${(declared / MB).toFixed(1)} MB，上限 ${MAX_UPLOAD_BYTES / MB} MB × ${MAX_UPLOAD_FILES} 个文件。` },
      { status: 413 },
    );
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ kind: "rejected", message: "无法读取上传内容。" }, { status: 400 });
  }
  const files = form.getAll("file").filter((f): f is File => f instanceof File && (f.size > 0 || f.name !== ""));
  if (files.length === 0) return Response.json({ kind: "rejected", message: "请选择文件。" }, { status: 400 });
  if (files.length > MAX_UPLOAD_FILES) {
    return Response.json({ kind: "rejected", message: `一次最多上传 ${MAX_UPLOAD_FILES} 个文件（收到 ${files.length} 个）。` }, { status: 400 });
  }
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > MAX_UPLOAD_BYTES * files.length) {
    return Response.json(
      { kind: "rejected", message: `文件过大：共 ${(total / MB).toFixed(1)} MB，上限 ${MAX_UPLOAD_BYTES / MB} MB × ${files.length} 个文件。` },
      { status: 413 },
    );
  }
  const monthField = form.get("month");
  const month = typeof monthField === "string" && isMonth(monthField) ? monthField : null;
  const result = await stageUpload(prisma, {
    files: await Promise.all(files.map(async (f, i) => ({ fileName: f.name || `upload-${i + 1}`, bytes: new Uint8Array(await f.arrayBuffer()) }))),
    month,
    uploadedById: guard.viewer.userId,
  });
  if (result.kind === "staged") return Response.json({ ...result, url: `/admin/uploads/${result.uploadId}` }, { status: 201 });
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
}
