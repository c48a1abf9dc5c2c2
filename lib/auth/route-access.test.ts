import { describe, expect, it } from "vitest";
import { can, type Permission } from "./roles";
import { ROUTE_ACCESS, type Access } from "./route-access";

/**
 * The handlers, the API contract and the e2e role matrix all read ROUTE_ACCESS, so a wrong entry
 * would be enforced, documented and checked consistently wrong. These rules are written apart from
 * the table, so lowering an entry fails here (and any change shows in the recorded table).
 */

const entries = Object.entries(ROUTE_ACCESS) as [string, Access][];
const permissionOf = (a: Access): Permission | null => (typeof a === "string" ? a : null);

/** Writes that only compute or re-read, open to every signed-in role by design. */
const READ_ONLY_POSTS = new Set(["POST /api/what-if", "POST /api/readiness/recheck"]);

describe("ROUTE_ACCESS, against rules written apart from it", () => {
  it("is public exactly for signing in, the health and readiness checks and a signed share link", () => {
    const open = entries.filter(([, a]) => permissionOf(a) === null).map(([k]) => k);
    expect(open.sort()).toEqual([
      "GET /api/auth/{nextauth}",
      "GET /api/health",
      "GET /api/ready",
      "GET /api/share/{token}",
      "POST /api/auth/{nextauth}",
    ]);
  });

  it("never lets a bare reader write", () => {
    for (const [key, access] of entries) {
      if (key.startsWith("GET ") || READ_ONLY_POSTS.has(key) || permissionOf(access) === null) continue;
      expect(permissionOf(access), key).not.toBe("read");
    }
  });

  it("keeps sessions, notifications and process internals to admins", () => {
    const adminOnly = entries.filter(([k]) => /^\w+ \/api\/(sessions|notifications|internal)(\/|$)/.test(k));
    expect(adminOnly.length).toBeGreaterThanOrEqual(8);
    for (const [key, access] of adminOnly) {
      const p = permissionOf(access);
      expect(p, key).not.toBeNull();
      if (p === null) continue;
      expect(can("admin", p), key).toBe(true);
      expect(can("engineer", p), key).toBe(false);
      expect(can("viewer", p), key).toBe(false);
    }
  });

  it("gives viewers nothing but reads", () => {
    for (const [key, access] of entries) {
      const p = permissionOf(access);
      if (p !== null && can("viewer", p)) expect(p, key).toBe("read");
    }
  });

  it("is recorded: a change to any entry is a reviewed change of this file", async () => {
    await expect(JSON.stringify(ROUTE_ACCESS, null, 2) + "\n").toMatchFileSnapshot("__recorded__/route-access.json");
  });
});
