// GET /api/uploads/:id/file[?n=<position>]: one original file of the upload (the first by
// default), byte for byte (admins only).
import { prisma } from "@/lib/db";
import { guardRoute } from "@/lib/auth/guard";
import { downloadResponse } from "@/lib/export/download";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const guard = await guardRoute("data.manage");
  if (!guard.ok) return guard.response;
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) return Response.json({ error: "not found" }, { status: 404 });
  const n = new URL(request.url).searchParams.get("n") ?? "0";
  const position = /^\d{1,3}$/.test(n) ? Number(n) : -1;
  const file = position < 0 ? null : await prisma.uploadFile.findUnique({ where: { uploadId_position: { uploadId: id, position } } });
  if (!file) return Response.json({ error: "not found" }, { status: 404 });
  const ext = file.fileName.match(/\.[A-Za-z0-9]{1,5}$/)?.[0] ?? "";
  const suffix = position > 0 ? `-${position + 1}` : "";
  return downloadResponse(file.content, "application/octet-stream", file.fileName, `upload-${id}${suffix}${ext}`);
}
