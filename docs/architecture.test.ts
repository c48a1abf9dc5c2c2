import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * docs/architecture.md's Overview trace is read by newcomers as the way through the code: it
 * must name files that exist, and each hop must really be reached from an earlier one.
 */

const doc = readFileSync("docs/architecture.md", "utf8");
const start = doc.indexOf("## One number, screen to Google");
const trace = doc.slice(start, doc.indexOf("\n## ", start + 1));

type Hop = { n: number; file: string; text: string };
const hops: Hop[] = trace
  .split(/\n(?=\d+\. `)/)
  .slice(1)
  .map((text) => {
    const m = /^(\d+)\. `([^`]+)`/.exec(text);
    if (!m?.[1] || !m[2]) throw new Error(`not a hop: ${text.slice(0, 60)}`);
    return { n: Number(m[1]), file: m[2], text };
  });

const filesIn = (text: string) =>
  [...text.matchAll(/`([\w@()[\].-]+(?:\/[\w@()[\].-]+)+\.(?:tsx?|md))`/g)].map((m) => m[1] ?? "");
const urlsIn = (text: string) => [...text.matchAll(/GET `(\/api\/[\w/-]+)/g)].map((m) => m[1] ?? "");

/** The project files `file` imports (type-only included), resolved like the bundler does. */
function importsOf(file: string): Set<string> {
  if (!existsSync(file)) return new Set(); // reported by the test of names
  const src = readFileSync(file, "utf8");
  const out = new Set<string>();
  for (const m of src.matchAll(/(?:from|import)\s+"([^"]+)"/g)) {
    const spec = m[1] ?? "";
    const base = spec.startsWith("@/")
      ? spec.slice(2)
      : spec.startsWith(".")
        ? path.join(path.dirname(file), spec)
        : null;
    if (base === null) continue;
    const found = ["", ".ts", ".tsx", "/index.ts"].map((ext) => base + ext).find((f) => existsSync(f) && f !== base);
    out.add(found ?? base);
  }
  return out;
}

describe("docs/architecture.md: the Overview trace", () => {
  it("numbers its hops 1…n and says how many there are", () => {
    expect(hops.map((h) => h.n)).toEqual(hops.map((_, i) => i + 1));
    const words = [
      "",
      "One",
      "Two",
      "Three",
      "Four",
      "Five",
      "Six",
      "Seven",
      "Eight",
      "Nine",
      "Ten",
      "Eleven",
      "Twelve",
    ];
    expect(trace).toContain(`${words[hops.length] ?? hops.length} hops`);
  });

  it("names only files that exist", () => {
    const named = filesIn(trace);
    expect(named.length).toBeGreaterThan(hops.length);
    expect(named.filter((f) => !existsSync(f))).toEqual([]);
  });

  it("reaches each hop from a file an earlier hop names: by an import, or over the HTTP route it calls", () => {
    const unreached = hops.slice(1).flatMap((hop, i) => {
      const earlier = hops.slice(0, i + 1);
      const imported = earlier.flatMap((h) => filesIn(h.text)).some((f) => importsOf(f).has(hop.file));
      const routed = earlier.flatMap((h) => urlsIn(h.text)).some((url) => hop.file === `app${url}/route.ts`);
      return imported || routed ? [] : [hop.file];
    });
    expect(unreached).toEqual([]);
  });
});
