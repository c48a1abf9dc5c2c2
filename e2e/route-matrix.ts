import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { openApiPathOf } from "../lib/api/contract/route-files";
import type { Permission } from "../lib/auth/roles";
import { accessOf } from "../lib/auth/route-access";

/**
 * What every API route needs, per method: "public" or a permission of lib/auth/roles.ts, as
 * lib/auth/route-access.ts declares it. The security spec reads the route files from disk and
 * fails for any route file without a sample path here or exported method without a
 * declaration, so a new route cannot ship without a decision.
 * `path` is a sample URL for the route (dynamic segments filled with plausible values).
 */
export type Need = Permission | "public";
export type RouteEntry = { path: string; methods: Partial<Record<Method, Need>> };
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** A sample URL per route file (dynamic segments filled with plausible values). */
const SAMPLE_PATHS: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts": "/api/auth/session",
  "app/api/changes/route.ts": "/api/changes?range=1h",
  "app/api/events/route.ts": "/api/events",
  "app/api/health/route.ts": "/api/health",
  "app/api/internal/stats/route.ts": "/api/internal/stats",
  "app/api/maintenance/[id]/end/route.ts": "/api/maintenance/00000000-0000-4000-8000-000000000000/end",
  "app/api/maintenance/route.ts": "/api/maintenance",
  "app/api/metrics/connector/route.ts": "/api/metrics/connector?range=1h",
  "app/api/metrics/database/route.ts": "/api/metrics/database?range=1h",
  "app/api/metrics/startups/route.ts": "/api/metrics/startups?range=1h",
  "app/api/notifications/channels/[channel]/test/route.ts": "/api/notifications/channels/no-such-channel/test",
  "app/api/notifications/digest/route.ts": "/api/notifications/digest?week=2026-W01",
  "app/api/notifications/digest/send/route.ts": "/api/notifications/digest/send",
  "app/api/notifications/route.ts": "/api/notifications",
  "app/api/openapi.json/route.ts": "/api/openapi.json",
  "app/api/overview/golden-path/route.ts": "/api/overview/golden-path",
  "app/api/overview/phases/route.ts": "/api/overview/phases",
  "app/api/overview/route.ts": "/api/overview?range=1h",
  "app/api/probes/[name]/history/route.ts": "/api/probes/backend-health/history",
  "app/api/probes/[name]/route.ts": "/api/probes/backend-health",
  "app/api/probes/[name]/run/route.ts": "/api/probes/analytics/run",
  "app/api/probes/route.ts": "/api/probes",
  "app/api/readiness/recheck/route.ts": "/api/readiness/recheck",
  "app/api/readiness/route.ts": "/api/readiness",
  "app/api/readiness/share-links/[id]/route.ts": "/api/readiness/share-links/00000000-0000-4000-8000-000000000000",
  "app/api/readiness/share-links/route.ts": "/api/readiness/share-links",
  "app/api/ready/route.ts": "/api/ready",
  "app/api/rehearsals/[id]/screenshots/[kind]/route.ts":
    "/api/rehearsals/00000000-0000-4000-8000-000000000000/screenshots/end",
  "app/api/sessions/[id]/route.ts": "/api/sessions/AAAAAAAAAAAAAAAAAAAAAAAA",
  "app/api/sessions/blocks/[email]/route.ts": "/api/sessions/blocks/nobody@example.com",
  "app/api/sessions/route.ts": "/api/sessions",
  "app/api/share/[token]/route.ts": "/api/share/not-a-token",
  "app/api/slo/export/route.ts": "/api/slo/export",
  "app/api/slo/openslo/route.ts": "/api/slo/openslo",
  "app/api/slo/route.ts": "/api/slo",
  "app/api/stream/route.ts": "/api/stream",
  "app/api/tracker/conflicts/[conflictId]/route.ts": "/api/tracker/conflicts/no-such-conflict",
  "app/api/tracker/conflicts/route.ts": "/api/tracker/conflicts",
  "app/api/tracker/evaluate/route.ts": "/api/tracker/evaluate",
  "app/api/tracker/history/route.ts": "/api/tracker/history",
  "app/api/tracker/phases/[phaseId]/actions/[actionId]/route.ts":
    "/api/tracker/phases/infrastructure/actions/no-such-action",
  "app/api/tracker/phases/[phaseId]/actions/[actionId]/changes/route.ts":
    "/api/tracker/phases/infrastructure/actions/no-such-action/changes?changeId=no-such-change",
  "app/api/tracker/phases/[phaseId]/actions/route.ts": "/api/tracker/phases/infrastructure/actions",
  "app/api/tracker/phases/[phaseId]/route.ts": "/api/tracker/phases/infrastructure",
  "app/api/tracker/report/route.ts": "/api/tracker/report?format=md",
  "app/api/tracker/route.ts": "/api/tracker",
  "app/api/what-if/defaults/route.ts": "/api/what-if/defaults",
  "app/api/what-if/route.ts": "/api/what-if",
};

/**
 * What each method of a route file needs, from the one declaration (lib/auth/route-access.ts)
 * that the handler's withAccess reads too. The spec still asks the real server as every role,
 * so a handler enforcing anything but its declaration fails it.
 */
function declaredNeeds(file: string): Partial<Record<Method, Need>> {
  const apiPath = openApiPathOf(file, "app");
  const needs: Partial<Record<Method, Need>> = {};
  for (const method of METHODS) {
    const access = accessOf(method, apiPath);
    if (access !== undefined) needs[method] = typeof access === "string" ? access : "public";
  }
  return needs;
}

export const ROUTE_MATRIX: Record<string, RouteEntry> = Object.fromEntries(
  Object.entries(SAMPLE_PATHS).map(([file, samplePath]) => [file, { path: samplePath, methods: declaredNeeds(file) }]),
);

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
