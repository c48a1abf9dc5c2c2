// DELETE /api/readiness/share-links/:id — revoke a share link (its creator, or an admin)
import { NextResponse } from "next/server";
import { z } from "zod";
import { ApiError, parseOrThrow } from "@/lib/base/api-error";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { shareLinkIdSchema } from "@/lib/readiness/schemas";
import { revokeShareLink } from "@/lib/readiness/share-links";
import { shareContext } from "@/lib/readiness/share-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const DELETE = withAccess<{ id: string }>(
  "DELETE /api/readiness/share-links/{id}",
  async (_req, { user, params }) => {
    const { id } = parseOrThrow(z.object({ id: shareLinkIdSchema }), params);
    const { db, key } = await shareContext();
    const r = await revokeShareLink(db, key, id, Date.now(), {
      username: user.username,
      canManage: can(user.role, "share:manage"),
    });
    if (!r.ok) throw new ApiError(r.status, r.status === 404 ? "not_found" : "forbidden", r.message);
    return NextResponse.json({ link: r.link }, { headers: NO_STORE });
  },
);
