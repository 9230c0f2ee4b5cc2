// GET /api/uploads/:id/file[?n=<position>]: one original file of the upload (the first by
// default), byte for byte (admins only).

import { loadUploadFile } from "@/lib/annex-upload/uploads";
import { downloadResponse } from "@/lib/export/download";
import { fileNumberParam, paramNotFound, UPLOAD_ID_PARAM } from "@/lib/http/route-params";
import { withGuard } from "@/lib/http/with-guard";

export const dynamic = "force-dynamic";

export const GET = withGuard(
  "data.manage",
  { params: { id: UPLOAD_ID_PARAM } },
  async ({ request, params: { id }, raw }) => {
    const n = new URL(request.url).searchParams.get("n");
    const position = fileNumberParam(n);
    if (position === null) return paramNotFound("fileNumber", n ?? "");
    const found = await loadUploadFile(id, position);
    if ("missing" in found)
      return found.missing === "file" ? paramNotFound("fileNumber", String(position)) : paramNotFound("upload", raw.id);
    const { file } = found;
    const ext = file.fileName.match(/\.[A-Za-z0-9]{1,5}$/)?.[0] ?? "";
    const suffix = position > 0 ? `-${position + 1}` : "";
    return downloadResponse(file.content, "application/octet-stream", file.fileName, `upload-${id}${suffix}${ext}`);
  },
);
