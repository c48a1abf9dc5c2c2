// GET /api/openapi.json — the API's OpenAPI 3.1 document, generated from the zod schemas the routes use
import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/contract/openapi";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { version } from "@/package.json";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Behind sign-in like every route that is not public: it names every operation and permission.
export const GET = withAccess("GET /api/openapi.json", async () => NextResponse.json(openApiDocument(undefined, version), { headers: NO_STORE }));
