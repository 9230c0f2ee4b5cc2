// POST /api/uploads (multipart: file, optional month): stage an upload for the preview.
// Admins only (data.manage). The size limit is checked on Content-Length before the body is
// read; the file itself is checked again by lib/import.
import { prisma } from "@/lib/db";
import { guardRoute } from "@/lib/auth/guard";
import { MAX_UPLOAD_BYTES } from "@/lib/import";
import { isMonth } from "@/lib/month";
import { stageUpload } from "@/lib/uploads/stage-upload";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const guard = await guardRoute("data.manage");
  if (!guard.ok) return guard.response;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_UPLOAD_BYTES + 64 * 1024) {
    return Response.json(
      { kind: "rejected", message: `文件过大：${(declared / 1024 / 1024).toFixed(1)} MB，上限 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB。` },
      { status: 413 },
    );
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ kind: "rejected", message: "无法读取上传内容。" }, { status: 400 });
  }
  const file = form.get("file");
  if (!(file instanceof File)) return Response.json({ kind: "rejected", message: "请选择文件。" }, { status: 400 });
  const monthField = form.get("month");
  const month = typeof monthField === "string" && isMonth(monthField) ? monthField : null;
  const result = await stageUpload(prisma, {
    fileName: file.name || "upload",
    bytes: new Uint8Array(await file.arrayBuffer()),
    month,
    uploadedById: guard.viewer.userId,
  });
  if (result.kind === "staged") return Response.json({ ...result, url: `/admin/uploads/${result.uploadId}` }, { status: 201 });
  if (result.kind === "duplicate") {
    return Response.json(
      {
        ...result,
        message: `该文件与已发布的 ${result.month} 第 ${result.versionNumber ?? "?"} 版完全相同（SHA-256 一致），无需重复发布。`,
        url: `/admin/months/${result.month}`,
      },
      { status: 409 },
    );
  }
  return Response.json(result, { status: 422 });
}
