// GET /api/readiness/share-links — every share link (newest first); POST — create one ({ expiresInSeconds?, note? }), 201
import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/base/api-error";
import { BODY_LIMITS, NO_STORE, readJsonBody } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { createShareLinkSchema } from "@/lib/readiness/schemas";
import { createShareLink, listShareLinks } from "@/lib/readiness/share-links";
import { shareContext } from "@/lib/readiness/share-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/readiness/share-links", async (_req, { user }) => {
  const { db, key } = await shareContext();
  const links = await listShareLinks(db, key, Date.now(), {
    username: user.username,
    canManage: can(user.role, "share:manage"),
  });
  return NextResponse.json({ links }, { headers: NO_STORE });
});

export const POST = withAccess("POST /api/readiness/share-links", async (req, { user }) => {
  const input = parseOrThrow(createShareLinkSchema, await readJsonBody(req, BODY_LIMITS.small));
  const { db, key } = await shareContext();
  const link = await createShareLink(
    db,
    key,
    { createdBy: user.username, expiresInSeconds: input.expiresInSeconds, ...(input.note ? { note: input.note } : {}) },
    Date.now(),
    { username: user.username, canManage: can(user.role, "share:manage") },
  );
  return NextResponse.json({ link }, { status: 201, headers: NO_STORE });
});
