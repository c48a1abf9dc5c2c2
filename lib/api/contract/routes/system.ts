import { z } from "zod";
import { readyReportSchema } from "@/lib/server/ready-check";
import { errorResponse, jsonOk } from "../standard";
import { MEDIA, type RouteSpec } from "../types";

/** The dashboard's own endpoints: liveness, sign-in, and this contract. */

export const healthResponseSchema = z.strictObject({ status: z.literal("ok"), time: z.iso.datetime() });

/** An OpenAPI document: checked structurally by its own test, so open here. */
export const openApiDocumentSchema = z
  .object({
    openapi: z.literal("3.1.0"),
    info: z.object({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .loose();

const nextAuthParams = z.object({
  nextauth: z
    .string()
    .describe(
      "next-auth's own action (signin, callback/credentials, session, csrf, providers, signout); may span several segments.",
    ),
});

// next-auth answers its own pages and JSON: HTML, redirects and JSON whose shape it owns.
const nextAuthOpen = z.unknown();

export const systemRoutes: RouteSpec[] = [
  {
    method: "GET",
    path: "/api/health",
    tag: "System",
    summary: "The dashboard's own liveness (no secrets, no upstream calls)",
    responses: jsonOk("The process answers.", healthResponseSchema),
  },
  {
    method: "GET",
    path: "/api/ready",
    tag: "System",
    summary: "Readiness for Cloud Run's startup probe: store reachable, config valid, leader or follower",
    responses: {
      ...jsonOk("Ready: the store answered and the staging config is valid.", readyReportSchema),
      503: {
        description: "Not ready: `checks` says which check failed or timed out.",
        content: { [MEDIA.json]: readyReportSchema },
      },
    },
  },
  {
    method: "GET",
    path: "/api/openapi.json",
    tag: "System",
    summary: "This document: OpenAPI 3.1, generated from the zod schemas the routes use",
    responses: jsonOk("The OpenAPI document.", openApiDocumentSchema),
  },
  {
    method: "GET",
    path: "/api/auth/{nextauth}",
    tag: "Sign-in",
    summary: "next-auth's endpoints: session, CSRF token, providers, sign-in pages and OAuth callbacks",
    params: nextAuthParams,
    responses: {
      200: {
        description: "next-auth's own answer.",
        content: { [MEDIA.json]: nextAuthOpen, [MEDIA.html]: nextAuthOpen },
      },
      302: { description: "Redirect (sign-in, callback, sign-out)." },
    },
  },
  {
    method: "POST",
    path: "/api/auth/{nextauth}",
    tag: "Sign-in",
    summary: "next-auth's endpoints: credentials sign-in and sign-out (form posts with a CSRF token)",
    params: nextAuthParams,
    responses: {
      200: { description: "next-auth's own answer.", content: { [MEDIA.json]: nextAuthOpen } },
      302: { description: "Redirect after sign-in or sign-out." },
      400: errorResponse(
        "A JSON body that is not valid JSON or not an object (next-auth itself would fail with a 500).",
      ),
      429: errorResponse(
        "Too many credentials sign-ins from the client's address or for the account (`rate_limited`); `url` is the login page carrying the message.",
        {
          "Retry-After": "Seconds until another attempt may be made.",
        },
      ),
    },
  },
];
