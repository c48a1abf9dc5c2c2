// GET /api/stream — server-sent events: Overview verdict, golden-path probe and readiness changes (Last-Event-ID resume)
import { withAccess } from "@/lib/auth/guard";
import { serveChangeStream } from "@/lib/stream/serve";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/stream", (req, { user }) => serveChangeStream(req, user));
