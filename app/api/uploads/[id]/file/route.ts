// GET /api/uploads/:id/file: the original uploaded file, byte for byte (admins only).
import { prisma } from "@/lib/db";
import { guardRoute } from "@/lib/auth/guard";
import { downloadResponse } from "@/lib/export/download";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const guard = await guardRoute("data.manage");
  if (!guard.ok) return guard.response;
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) return Response.json({ error: "not found" }, { status: 404 });
  const upload = await prisma.upload.findUnique({ where: { id } });
  if (!upload) return Response.json({ error: "not found" }, { status: 404 });
  const ext = upload.fileName.match(/\.[A-Za-z0-9]{1,5}$/)?.[0] ?? "";
  return downloadResponse(upload.content, "application/octet-stream", upload.fileName, `upload-${upload.id}${ext}`);
}
