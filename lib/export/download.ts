// Responses for file downloads: the content type, an attachment with the Chinese file name
// (RFC 6266/5987: filename*=UTF-8'' plus a plain ASCII name for old clients), never kept by
// a shared cache.

export function contentDisposition(fileName: string, asciiName: string): string {
  const plain = asciiName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function downloadResponse(
  body: Uint8Array | string,
  contentType: string,
  fileName: string,
  asciiName: string,
): Response {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": contentDisposition(fileName, asciiName),
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
}
