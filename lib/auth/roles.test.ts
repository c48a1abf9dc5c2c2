import { describe, expect, it } from "vitest";
import { can, isRole, permissionsOf, PERMISSIONS, ROLES, type Permission } from "./roles";

/**
 * Grants only an admin holds. Listed here (not read from roles.ts) on purpose: handing one of
 * them to an engineer, or adding a permission without deciding who holds it, fails this file.
 */
const ADMIN_ONLY: readonly Permission[] = ["share:manage", "users:manage", "ops:read", "notifications:manage"];
const sorted = (ps: readonly Permission[]) => [...ps].sort();

describe("role matrix", () => {
  // can() answers from the one table that pages, routes and the UI ask (permissionsOf).
  for (const role of ROLES) {
    for (const permission of PERMISSIONS) {
      const allowed = permissionsOf(role).includes(permission);
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
      });
    }
  }

  it("a viewer only reads, an admin may do everything, an engineer everything but the admin-only grants", () => {
    expect(sorted(permissionsOf("viewer"))).toEqual(["read"]);
    expect(sorted(permissionsOf("admin"))).toEqual(sorted(PERMISSIONS));
    expect(sorted(permissionsOf("engineer"))).toEqual(sorted(PERMISSIONS.filter((p) => !ADMIN_ONLY.includes(p))));
  });

  it("denies everything without a role", () => {
    expect(PERMISSIONS.some((p) => can(undefined, p))).toBe(false);
  });

  it.each([
    ["viewer", true],
    ["admin", true],
    ["root", false],
    [undefined, false],
    ["toString", false],
  ])("isRole(%j) is %s", (value, expected) => {
    expect(isRole(value)).toBe(expected);
  });
});
