// GET /api/rehearsals/:id/screenshots/:kind — a demo rehearsal's screenshot (PNG), for signed-in users only
import { ApiError, parseOrThrow } from "@/lib/base/api-error";
import { withAccess } from "@/lib/auth/guard";
import { screenshotParamsSchema } from "@/lib/rehearsal/http";
import { readStoredScreenshot } from "@/lib/rehearsal/views";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess<{ id: string; kind: string }>(
  "GET /api/rehearsals/{id}/screenshots/{kind}",
  async (_req, { params }) => {
    const { id, kind } = parseOrThrow(screenshotParamsSchema, params);
    const png = await readStoredScreenshot(id, kind);
    if (!png) throw new ApiError(404, "not_found", `No "${kind}" screenshot for rehearsal ${id}.`);
    return new Response(new Uint8Array(png), {
      headers: {
        "content-type": "image/png",
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
        "content-disposition": `inline; filename="${kind}.png"`,
      },
    });
  },
);
