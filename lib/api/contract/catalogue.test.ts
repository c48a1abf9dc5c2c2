import { describe, expect, it } from "vitest";
import { apiCatalogue } from "./catalogue";
import { API_ROUTES } from "./registry";

describe("the API page's catalogue", () => {
  it("lists every registered operation once, grouped by tag, with who may call it", () => {
    const groups = apiCatalogue();
    const rows = groups.flatMap((g) => g.operations);
    expect(rows).toHaveLength(API_ROUTES.length);
    expect(new Set(rows.map((r) => `${r.method} ${r.path}`)).size).toBe(rows.length);
    expect(groups.map((g) => g.tag)).toEqual([...new Set(API_ROUTES.map((r) => r.tag))]);
    expect(rows.find((r) => r.path === "/api/probes/{name}/run")).toMatchObject({
      method: "POST",
      access: "probes:run",
      statuses: [200, 404, 429, 503],
    });
    expect(rows.find((r) => r.path === "/api/health")?.access).toBe("public");
  });
});
