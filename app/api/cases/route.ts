// POST /api/cases (JSON { month, files: [{ name, size }] }): opens a case upload (/admin/cases)
// and answers its id and the chunk size; the browser then sends each file in chunks to
// PUT /api/cases/:id. Admins only (data.manage). JSON only: a cross-site form cannot send it
// without a CORS preflight this app never grants.
import { createCaseUploadSchema } from "@/lib/case-records/upload/files";
import { createCaseUpload } from "@/lib/case-records/upload/lifecycle";
import { CASE_CHUNK_BYTES } from "@/lib/case-records/upload/limits";
import { withGuard } from "@/lib/http/with-guard";

export const dynamic = "force-dynamic";

export const POST = withGuard("data.manage", async ({ request, viewer }) => {
  if (!(request.headers.get("content-type") ?? "").startsWith("application/json")) {
    return Response.json({ error: "请求应为 JSON" }, { status: 415 });
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: "请求不是有效的 JSON" }, { status: 400 });
  }
  const parsed = createCaseUploadSchema.safeParse(body);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
    return Response.json({ error: parsed.error.issues.map((i) => i.message).join("；"), fieldErrors }, { status: 400 });
  }
  const upload = await createCaseUpload({ ...parsed.data, createdById: viewer.userId });
  return Response.json(
    { id: upload.id, chunkBytes: CASE_CHUNK_BYTES, url: `/admin/cases/${upload.id}` },
    { status: 201 },
  );
});
