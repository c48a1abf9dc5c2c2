import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { API_ROUTES } from "@/lib/api/contract/registry";
import ApiDocsPage from "./page";

describe("the API page", () => {
  it("lists every operation with its method, path and permission, and links the document", () => {
    const html = renderToStaticMarkup(<ApiDocsPage />);
    expect(html).toContain('href="/api/openapi.json"');
    expect(html.match(/<tr>/g)?.length).toBe(API_ROUTES.length + new Set(API_ROUTES.map((r) => r.tag)).size);
    for (const r of API_ROUTES) expect(html).toContain(`<code>${r.path}</code>`);
    expect(html).toContain("probes:run");
  });
});
