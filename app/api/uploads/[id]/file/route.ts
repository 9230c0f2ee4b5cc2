// GET /api/uploads/:id/file[?n=<position>]: one original file of the upload (the first by
// default), byte for byte (admins only) — if it still matches the SHA-256 recorded when it was
// staged; else a 409 with the message, audited (lib/annex-upload/stored-files.ts).

import { loadUploadFile } from "@/lib/annex-upload/uploads";
import { downloadResponse } from "@/lib/export/download";
import { fileNumberParam, paramNotFound, UPLOAD_ID_PARAM } from "@/lib/http/route-params";
import { localeOf } from "@/lib/http/same-origin";
import { withGuard } from "@/lib/http/with-guard";

export const dynamic = "force-dynamic";

export const GET = withGuard(
  "data.manage",
  { params: { id: UPLOAD_ID_PARAM } },
  async ({ request, viewer, params: { id }, raw }) => {
    const n = new URL(request.url).searchParams.get("n");
    const position = fileNumberParam(n);
    if (position === null) return paramNotFound("fileNumber", n ?? "");
    const found = await loadUploadFile(id, position, viewer.userId, localeOf(request.headers));
    // Bytes that no longer match their SHA-256 are never sent (the refusal is audited).
    if ("altered" in found)
      return Response.json(
        { error: found.altered },
        { status: 409, headers: { "Cache-Control": "private, no-store" } },
      );
    if ("missing" in found)
      return found.missing === "file" ? paramNotFound("fileNumber", String(position)) : paramNotFound("upload", raw.id);
    const { file } = found;
    const ext = file.fileName.match(/\.[A-Za-z0-9]{1,5}$/)?.[0] ?? "";
    const suffix = position > 0 ? `-${position + 1}` : "";
    return downloadResponse(file.content, "application/octet-stream", file.fileName, `upload-${id}${suffix}${ext}`);
  },
);
