import { API_ROUTES } from "./registry";
import type { RouteContract } from "./types";

/** One row of the API page: what an operation is, and who may call it. */
export interface OperationRow {
  method: RouteContract["method"];
  path: string;
  summary: string;
  /** The permission, or "public". */
  access: string;
  statuses: number[];
}

/** The registry grouped by tag, in registry order, for the API page. */
export function apiCatalogue(
  routes: readonly RouteContract[] = API_ROUTES,
): { tag: string; operations: OperationRow[] }[] {
  const groups = new Map<string, OperationRow[]>();
  for (const r of routes) {
    const rows = groups.get(r.tag) ?? [];
    rows.push({
      method: r.method,
      path: r.path,
      summary: r.summary,
      access: "permission" in r.access ? r.access.permission : "public",
      statuses: Object.keys(r.responses)
        .map(Number)
        .sort((a, b) => a - b),
    });
    groups.set(r.tag, rows);
  }
  return [...groups].map(([tag, operations]) => ({ tag, operations }));
}
