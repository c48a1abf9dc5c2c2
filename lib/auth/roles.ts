import type { Role } from "@/lib/config/staging-schema";

export type { Role };

/** What each role may do. Pages, API routes and the UI all ask this one matrix. */
export const PERMISSIONS = [
  "read",
  "tracker:edit",
  "probes:run",
  "share:create",
  "share:manage",
  "users:manage",
  /** Process internals (upstream call counters): operational detail, not staging health. */
  "ops:read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const MATRIX: Record<Role, readonly Permission[]> = {
  viewer: ["read"],
  engineer: ["read", "tracker:edit", "probes:run", "share:create"],
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
