// GET /api/v1/openapi.json: the machine API's OpenAPI 3.1 document, as checked in
// (docs/api/openapi.json). Public: it describes the API, it opens nothing.
import document from "@/docs/api/openapi.json";

export const dynamic = "force-static";

export function GET(): Response {
  return Response.json(document, { headers: { "Cache-Control": "public, max-age=300" } });
}
