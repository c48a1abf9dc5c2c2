import { describe, expect, it } from "vitest";
import { can, isRole, PERMISSIONS, type Permission, type Role } from "./roles";

const EXPECTED: Record<Role, Permission[]> = {
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
  admin: [...PERMISSIONS],
};

describe("role matrix", () => {
  for (const role of Object.keys(EXPECTED) as Role[]) {
    for (const permission of PERMISSIONS) {
      const allowed = EXPECTED[role].includes(permission);
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
      });
    }
  }

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
