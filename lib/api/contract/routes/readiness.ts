import { z } from "zod";
import {
  createShareLinkSchema,
  readinessQuerySchema,
  recheckBodySchema,
  shareLinkIdSchema,
} from "@/lib/readiness/schemas";
import {
  readinessViewSchema,
  sharedReadinessSchema,
  shareErrorSchema,
  shareLinkListSchema,
  shareLinkOneSchema,
} from "@/lib/readiness/types";
import { errorResponse, jsonOk } from "../standard";
import { MEDIA, type RouteSpec } from "../types";

/** Demo readiness: the verdict, the re-check, and public share links. */

const tooLarge = { 413: errorResponse("The body is larger than 4 KB.") };
const shareError = (description: string) => ({ description, content: { [MEDIA.json]: shareErrorSchema } });

export const readinessRoutes: RouteSpec[] = [
  {
    method: "GET",
    path: "/api/readiness",
    tag: "Readiness",
    summary: "The demo verdict (GO / CAUTION / NO-GO) with reasons and evidence",
    query: [readinessQuerySchema],
    responses: jsonOk(
      "The verdict; a check without fresh evidence is unknown or stale, never a pass.",
      readinessViewSchema,
    ),
  },
  {
    method: "POST",
    path: "/api/readiness/recheck",
    tag: "Readiness",
    summary: "Run the golden-path probes now and re-evaluate",
    description: "Every reader may press it; one shared rate limit (30 s) protects staging.",
    body: recheckBodySchema,
    responses: {
      ...jsonOk("The new verdict, with which probes ran.", readinessViewSchema),
      ...tooLarge,
      429: errorResponse(
        "A re-check ran moments ago, or the user's re-check limit is spent (10 a minute across replicas); both `rate_limited`.",
        {
          "Retry-After": "Seconds until the next re-check may run.",
        },
      ),
    },
  },
  {
    method: "GET",
    path: "/api/readiness/share-links",
    tag: "Readiness",
    summary: "Every share link, newest first",
    responses: jsonOk("The links, each saying whether the asker may revoke it.", shareLinkListSchema),
  },
  {
    method: "POST",
    path: "/api/readiness/share-links",
    tag: "Readiness",
    summary: "Create a share link to the public readiness view",
    body: createShareLinkSchema,
    responses: { 201: { description: "The new link.", content: { [MEDIA.json]: shareLinkOneSchema } }, ...tooLarge },
  },
  {
    method: "DELETE",
    path: "/api/readiness/share-links/{id}",
    tag: "Readiness",
    summary: "Revoke a share link (its creator, or anyone with share:manage)",
    params: z.object({ id: shareLinkIdSchema }),
    responses: {
      ...jsonOk("The revoked link.", shareLinkOneSchema),
      403: errorResponse(
        'Only the link\'s creator or an admin may revoke it; below "share:create" (`forbidden`); or the request is cross-site (`cross_origin`).',
      ),
      404: errorResponse("No such link."),
    },
  },
  {
    method: "GET",
    path: "/api/share/{token}",
    tag: "Readiness",
    summary: "The public verdict and reasons behind a share link",
    description: "No session: the signed token is the only key, and it opens this one answer.",
    params: z.object({ token: z.string() }),
    responses: {
      ...jsonOk("The verdict and plain-language reasons only.", sharedReadinessSchema),
      404: shareError("The token is not one of ours (`invalid`)."),
      410: shareError("The link expired or was revoked."),
      429: errorResponse("Too many share-link requests from the client's address (`rate_limited`, 60 a minute).", {
        "Retry-After": "Seconds until the address may ask again.",
      }),
      500: shareError("The verdict could not be computed; nothing internal is said."),
    },
  },
];
