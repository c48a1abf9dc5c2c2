// GET /api/share/:token — public (no session): the readiness verdict and reasons behind a share link; 404 unknown, 410 expired or revoked, 429 too many from one address
import { NextResponse, type NextRequest } from "next/server";
import { ApiError } from "@/lib/base/api-error";
import { publicReadiness } from "@/lib/readiness/share-service";
import { shareLimit } from "@/lib/security/share-limit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MESSAGES = {
  invalid: "This share link is not valid.",
  expired: "This share link has expired. Ask the person who sent it for a new one.",
  revoked: "This share link was withdrawn. Ask the person who sent it for a new one.",
} as const;

// Public by design (lib/auth/public-paths.ts): the signed token is the only key, and it opens
// this one answer. No session is read and nothing else is reachable with it.
export async function GET(req: NextRequest, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const headers = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };
  try {
    const limited = await shareLimit(req.headers);
    if (limited) throw limited;
    const { token } = await params;
    const r = await publicReadiness(token);
    if (!r.ok)
      return NextResponse.json({ error: r.reason, message: MESSAGES[r.reason] }, { status: r.status, headers });
    return NextResponse.json(r.view, { headers });
  } catch (err) {
    if (err instanceof ApiError) {
      return NextResponse.json(
        { error: err.code, message: err.message, ...err.extra },
        { status: err.status, headers: { ...headers, ...err.headers } },
      );
    }
    console.error("Public readiness failed", err);
    // Nothing internal in a public answer.
    return NextResponse.json(
      { error: "internal", message: "The verdict could not be computed just now." },
      { status: 500, headers },
    );
  }
}
