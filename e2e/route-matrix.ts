import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Permission } from "../lib/auth/roles";

/**
 * What every API route needs, per method: "public" or a permission of lib/auth/roles.ts.
 * The security spec reads the route files from disk and fails for any route file or
 * exported method missing here, so a new route cannot ship without a decision.
 * `path` is a sample URL for the route (dynamic segments filled with plausible values).
 */
export type Need = Permission | "public";
export type RouteEntry = { path: string; methods: Partial<Record<Method, Need>> };
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export const ROUTE_MATRIX: Record<string, RouteEntry> = {
  "app/api/auth/[...nextauth]/route.ts": { path: "/api/auth/session", methods: { GET: "public", POST: "public" } },
  "app/api/changes/route.ts": { path: "/api/changes?range=1h", methods: { GET: "read" } },
  "app/api/events/route.ts": { path: "/api/events", methods: { GET: "read" } },
  "app/api/health/route.ts": { path: "/api/health", methods: { GET: "public" } },
  "app/api/internal/stats/route.ts": { path: "/api/internal/stats", methods: { GET: "ops:read" } },
  "app/api/maintenance/[id]/end/route.ts": {
    path: "/api/maintenance/00000000-0000-4000-8000-000000000000/end",
    methods: { POST: "maintenance:manage" },
  },
  "app/api/maintenance/route.ts": { path: "/api/maintenance", methods: { GET: "read", POST: "maintenance:manage" } },
  "app/api/metrics/connector/route.ts": { path: "/api/metrics/connector?range=1h", methods: { GET: "read" } },
  "app/api/metrics/database/route.ts": { path: "/api/metrics/database?range=1h", methods: { GET: "read" } },
  "app/api/metrics/startups/route.ts": { path: "/api/metrics/startups?range=1h", methods: { GET: "read" } },
  "app/api/notifications/channels/[channel]/test/route.ts": {
    path: "/api/notifications/channels/no-such-channel/test",
    methods: { POST: "notifications:manage" },
  },
  "app/api/notifications/digest/route.ts": {
    path: "/api/notifications/digest?week=2026-W01",
    methods: { GET: "notifications:manage" },
  },
  "app/api/notifications/digest/send/route.ts": {
    path: "/api/notifications/digest/send",
    methods: { POST: "notifications:manage" },
  },
  "app/api/notifications/route.ts": { path: "/api/notifications", methods: { GET: "notifications:manage" } },
  "app/api/openapi.json/route.ts": { path: "/api/openapi.json", methods: { GET: "read" } },
  "app/api/overview/golden-path/route.ts": { path: "/api/overview/golden-path", methods: { GET: "read" } },
  "app/api/overview/phases/route.ts": { path: "/api/overview/phases", methods: { GET: "read" } },
  "app/api/overview/route.ts": { path: "/api/overview?range=1h", methods: { GET: "read" } },
  "app/api/probes/[name]/history/route.ts": { path: "/api/probes/backend-health/history", methods: { GET: "read" } },
  "app/api/probes/[name]/route.ts": { path: "/api/probes/backend-health", methods: { GET: "read" } },
  "app/api/probes/[name]/run/route.ts": { path: "/api/probes/analytics/run", methods: { POST: "probes:run" } },
  "app/api/probes/route.ts": { path: "/api/probes", methods: { GET: "read" } },
  "app/api/readiness/recheck/route.ts": { path: "/api/readiness/recheck", methods: { POST: "read" } },
  "app/api/readiness/route.ts": { path: "/api/readiness", methods: { GET: "read" } },
  "app/api/readiness/share-links/[id]/route.ts": {
    path: "/api/readiness/share-links/00000000-0000-4000-8000-000000000000",
    methods: { DELETE: "share:create" },
  },
  "app/api/readiness/share-links/route.ts": {
    path: "/api/readiness/share-links",
    methods: { GET: "share:create", POST: "share:create" },
  },
  "app/api/ready/route.ts": { path: "/api/ready", methods: { GET: "public" } },
  "app/api/rehearsals/[id]/screenshots/[kind]/route.ts": {
    path: "/api/rehearsals/00000000-0000-4000-8000-000000000000/screenshots/end",
    methods: { GET: "read" },
  },
  "app/api/sessions/[id]/route.ts": {
    path: "/api/sessions/AAAAAAAAAAAAAAAAAAAAAAAA",
    methods: { DELETE: "users:manage" },
  },
  "app/api/sessions/blocks/[email]/route.ts": {
    path: "/api/sessions/blocks/nobody@example.com",
    methods: { DELETE: "users:manage" },
  },
  "app/api/sessions/route.ts": { path: "/api/sessions", methods: { GET: "users:manage" } },
  "app/api/share/[token]/route.ts": { path: "/api/share/not-a-token", methods: { GET: "public" } },
  "app/api/slo/export/route.ts": { path: "/api/slo/export", methods: { GET: "read", POST: "slo:export" } },
  "app/api/slo/openslo/route.ts": { path: "/api/slo/openslo", methods: { GET: "read" } },
  "app/api/slo/route.ts": { path: "/api/slo", methods: { GET: "read" } },
  "app/api/stream/route.ts": { path: "/api/stream", methods: { GET: "read" } },
  "app/api/tracker/conflicts/[conflictId]/route.ts": {
    path: "/api/tracker/conflicts/no-such-conflict",
    methods: { POST: "tracker:edit" },
  },
  "app/api/tracker/conflicts/route.ts": { path: "/api/tracker/conflicts", methods: { GET: "read" } },
  "app/api/tracker/evaluate/route.ts": { path: "/api/tracker/evaluate", methods: { POST: "tracker:edit" } },
  "app/api/tracker/history/route.ts": { path: "/api/tracker/history", methods: { GET: "read" } },
  "app/api/tracker/phases/[phaseId]/actions/[actionId]/route.ts": {
    path: "/api/tracker/phases/infrastructure/actions/no-such-action",
    methods: { PATCH: "tracker:edit", DELETE: "tracker:edit" },
  },
  "app/api/tracker/phases/[phaseId]/actions/[actionId]/changes/route.ts": {
    path: "/api/tracker/phases/infrastructure/actions/no-such-action/changes?changeId=no-such-change",
    methods: { POST: "tracker:edit", DELETE: "tracker:edit" },
  },
  "app/api/tracker/phases/[phaseId]/actions/route.ts": {
    path: "/api/tracker/phases/infrastructure/actions",
    methods: { POST: "tracker:edit" },
  },
  "app/api/tracker/phases/[phaseId]/route.ts": {
    path: "/api/tracker/phases/infrastructure",
    methods: { PATCH: "tracker:edit" },
  },
  "app/api/tracker/report/route.ts": { path: "/api/tracker/report?format=md", methods: { GET: "read" } },
  "app/api/tracker/route.ts": { path: "/api/tracker", methods: { GET: "read" } },
  "app/api/what-if/defaults/route.ts": { path: "/api/what-if/defaults", methods: { GET: "read" } },
  "app/api/what-if/route.ts": { path: "/api/what-if", methods: { POST: "read" } },
};

const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Every app/api/**\/route.ts on disk, with the HTTP methods it exports. */
export function discoverRoutes(root = process.cwd()): { file: string; methods: Method[] }[] {
  const found: { file: string; methods: Method[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name === "route.ts")
        found.push({ file: rel, methods: exportedMethods(readFileSync(path.join(root, rel), "utf8")) });
    }
  };
  walk("app/api");
  return found.sort((a, b) => a.file.localeCompare(b.file));
}

function exportedMethods(source: string): Method[] {
  return METHODS.filter(
    (m) =>
      new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(source) ||
      new RegExp(`export\\s*\\{[^}]*\\b(as\\s+)?${m}\\b[^}]*\\}`).test(source),
  );
}
