import fs from "node:fs";
import path from "node:path";

/**
 * The operations the app really serves: every app/api/**\/route.ts and the HTTP methods it
 * exports (`export const GET`, `export async function POST`, `export { handler as GET }`),
 * as OpenAPI paths (`[name]` → `{name}`, `[...nextauth]` → `{nextauth}`). Read from the
 * source text, so a route added without a contract entry fails the contract test.
 */
const METHOD = "GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS";
const DIRECT = new RegExp(`export\\s+(?:const|let|async\\s+function|function)\\s+(${METHOD})\\b`, "g");
const LIST = /export\s*\{([^}]*)\}/g;
const ALIAS = new RegExp(`(?:\\w+\\s+as\\s+)?\\b(${METHOD})\\b`, "g");

export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const [, method = ""] of source.matchAll(DIRECT)) found.add(method);
  for (const [, list = ""] of source.matchAll(LIST))
    for (const [, method = ""] of list.matchAll(ALIAS)) found.add(method);
  return [...found].sort();
}

export function openApiPathOf(routeFile: string, appDir: string): string {
  const segments = path
    .relative(appDir, path.dirname(routeFile))
    .split(path.sep)
    .filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@"))
    .map((s) => s.replace(/^\[\[?(?:\.\.\.)?([^\]]+)\]?\]$/, "{$1}"));
  return `/${segments.join("/")}`;
}

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js|mjs)$/.test(e.name) ? [full] : [];
  });
}

/** "GET /api/probes/{name}" for every method of every route file under `appDir`/api. */
export function servedOperations(appDir: string): { operation: string; file: string }[] {
  return routeFiles(path.join(appDir, "api")).flatMap((file) =>
    exportedMethods(fs.readFileSync(file, "utf8")).map((m) => ({
      operation: `${m} ${openApiPathOf(file, appDir)}`,
      file,
    })),
  );
}

// `export const GET = withAccess("GET /api/x", …)` or `withAccess<{ id: string }>("…", …)`.
const GUARDED = new RegExp(
  `export\\s+const\\s+(${METHOD})\\s*=\\s*withAccess(?:<[^>]*>)?\\(\\s*["']([A-Z]+ [^"']+)["']`,
  "g",
);

/** The operation each method's handler names to `withAccess`, i.e. whose declared permission it enforces. */
export function guardedMethods(source: string): Record<string, string> {
  return Object.fromEntries(
    [...source.matchAll(GUARDED)].map(([, method = "", operation = ""]) => [method, operation]),
  );
}

/** True when the file calls a guard with a permission of its own instead of its declaration. */
export function asksPermissionDirectly(source: string): boolean {
  return /\bwithAuth\s*(?:<[^>]*>)?\(/.test(source);
}
