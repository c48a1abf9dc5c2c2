import type { Role } from "@/lib/config/core/staging-schema";

export type { Role };

/** What each role may do. Pages, API routes and the UI all ask this one matrix. */
export const PERMISSIONS = [
  "read",
  "tracker:edit",
  "probes:run",
  "share:create",
  "share:manage",
  "users:manage",
  "slo:export",
  /** Process internals (upstream call counters): operational detail, not staging health. */
  "ops:read",
  /** Who made a change to staging (the audit log's principal email): personal data, not health. */
  "changes:actors",
  /** See the notification channels and deliveries, and send a test to a channel (decision 0024). */
  "notifications:manage",
  /** Start and end maintenance windows (everyone may read them). */
  "maintenance:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const MATRIX: Record<Role, readonly Permission[]> = {
  viewer: ["read"],
  engineer: [
    "read",
    "tracker:edit",
    "probes:run",
    "share:create",
    "slo:export",
    "changes:actors",
    "maintenance:manage",
  ],
  admin: PERMISSIONS,
};

export const ROLES = Object.keys(MATRIX) as Role[];

export function can(role: Role | undefined, permission: Permission): boolean {
  return role !== undefined && MATRIX[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return MATRIX[role];
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && Object.hasOwn(MATRIX, value);
}

/**
 * Routes that need no session and no permission, with the reason. Cloud Run calls its startup
 * and liveness probes from inside the platform without credentials (and they do not pass through
 * IAP), so these two answer anyone, and say nothing beyond alive / ready and leader or follower.
 */
export const PUBLIC_ROUTES = {
  "/api/health": "Cloud Run's liveness probe: the process is alive (no store or upstream calls).",
  "/api/ready": "Cloud Run's startup probe: store reachable, config valid, leader or follower.",
} as const satisfies Readonly<Record<string, string>>;
