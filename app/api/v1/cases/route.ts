// POST /api/v1/cases: the platform's push of a day's case records, with a machine token
// (Authorization: Bearer …, scope cases:ingest). Not withGuard: no session, no Origin check —
// the token is the whole of the access decision (lib/supervision/daily-feed/cases-api.ts says
// why; docs/api/openapi.json describes it).
import { casesPost } from "@/lib/supervision/server";

export const dynamic = "force-dynamic";

export const POST = casesPost;
