import { PUBLIC_ROUTES, type Permission } from "./roles";

/**
 * Who may call each API operation, declared once: method and OpenAPI path → the permission it
 * needs, or public with the reason it may be. Read by the handler (`withAccess` in ./guard.ts
 * takes the permission from here), by the API contract (lib/api/contract/registry.ts documents
 * it) and by the role matrix of the end-to-end tests (e2e/route-matrix.ts derives each role's
 * expected answer from it, then checks the real server). The contract test reads the route
 * files and fails when a handler names another operation than its own or bypasses this table.
 */
export type Access = Permission | { readonly public: string };

export const ROUTE_ACCESS = {
  "GET /api/overview": "read",
  "GET /api/overview/golden-path": "read",
  "GET /api/overview/phases": "read",
  "GET /api/metrics/startups": "read",
  "GET /api/metrics/connector": "read",
  "GET /api/metrics/database": "read",
  "GET /api/events": "read",
  "GET /api/changes": "read",
  "GET /api/internal/stats": "ops:read",
  "GET /api/what-if/defaults": "read",
  "POST /api/what-if": "read",
  "GET /api/probes": "read",
  "GET /api/probes/{name}": "read",
  "GET /api/probes/{name}/history": "read",
  "POST /api/probes/{name}/run": "probes:run",
  "GET /api/rehearsals/{id}/screenshots/{kind}": "read",
  "GET /api/readiness": "read",
  "POST /api/readiness/recheck": "read",
  "GET /api/readiness/share-links": "share:create",
  "POST /api/readiness/share-links": "share:create",
  "DELETE /api/readiness/share-links/{id}": "share:create",
  "GET /api/share/{token}": { public: "The signed share token is the credential (lib/auth/public-paths.ts)." },
  "GET /api/tracker": "read",
  "POST /api/tracker/evaluate": "tracker:edit",
  "GET /api/tracker/conflicts": "read",
  "POST /api/tracker/conflicts/{conflictId}": "tracker:edit",
  "GET /api/tracker/history": "read",
  "GET /api/tracker/report": "read",
  "PATCH /api/tracker/phases/{phaseId}": "tracker:edit",
  "POST /api/tracker/phases/{phaseId}/actions": "tracker:edit",
  "PATCH /api/tracker/phases/{phaseId}/actions/{actionId}": "tracker:edit",
  "DELETE /api/tracker/phases/{phaseId}/actions/{actionId}": "tracker:edit",
  "POST /api/tracker/phases/{phaseId}/actions/{actionId}/changes": "tracker:edit",
  "DELETE /api/tracker/phases/{phaseId}/actions/{actionId}/changes": "tracker:edit",
  "GET /api/slo": "read",
  "GET /api/slo/export": "read",
  "GET /api/slo/openslo": "read",
  "POST /api/slo/export": "slo:export",
  "GET /api/sessions": "users:manage",
  "DELETE /api/sessions/{id}": "users:manage",
  "DELETE /api/sessions/blocks/{email}": "users:manage",
  "GET /api/notifications": "notifications:manage",
  "POST /api/notifications/channels/{channel}/test": "notifications:manage",
  "GET /api/notifications/digest": "notifications:manage",
  "POST /api/notifications/digest/send": "notifications:manage",
  "GET /api/stream": "read",
  "GET /api/maintenance": "read",
  "POST /api/maintenance": "maintenance:manage",
  "POST /api/maintenance/{id}/end": "maintenance:manage",
  "GET /api/health": { public: PUBLIC_ROUTES["/api/health"] },
  "GET /api/ready": { public: PUBLIC_ROUTES["/api/ready"] },
  "GET /api/openapi.json": "read",
  "GET /api/auth/{nextauth}": { public: "Signing in cannot need a session." },
  "POST /api/auth/{nextauth}": { public: "Signing in cannot need a session." },
} as const satisfies Record<string, Access>;

/** "GET /api/probes/{name}": an operation as the table names it. */
export type RouteKey = keyof typeof ROUTE_ACCESS;

/** The operations that need a permission (the ones a handler wraps with `withAccess`). */
export type GuardedRoute = { [K in RouteKey]: (typeof ROUTE_ACCESS)[K] extends Permission ? K : never }[RouteKey];

/** The declared access of `method path`, or undefined when the table has no such operation. */
export function accessOf(method: string, path: string): Access | undefined {
  const key = `${method} ${path}`;
  return Object.hasOwn(ROUTE_ACCESS, key) ? ROUTE_ACCESS[key as RouteKey] : undefined;
}
