// Moves modules by rules and rewrites every reference to them (decision 0034). Re-runnable: files
// already moved stay, and a branch written against the old layout is brought onto the new one.
//   node scripts/move-modules.mjs RULES.mjs
// RULES.mjs exports RULES: [oldPath, newPath][]; a path ending in "/" moves a folder, otherwise a
// module (its .ts, .test.ts, … siblings move with it). Specifiers (static, dynamic, vi.mock) that
// resolve to a moved module are rewritten; a relative one that would climb out of its folder
// becomes "@/…". Full old paths in prose and comments are rewritten too, except in
// docs/decisions, which are history, and in this script's own tests. Run prettier, tsc and `npm run lint:layers` afterwards.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = process.cwd();
const { RULES } = await import(pathToFileURL(path.resolve(process.argv[2] ?? "")).href);
const strip = (p) => p.replace(/\.(test\.tsx?|tsx?|mjs|cjs|js)$/, "");
function mapModule(p) {
  for (const [from, to] of RULES) {
    if (from.endsWith("/")) {
      if (p.startsWith(from)) return to + p.slice(from.length);
      // The folder itself, imported through its index: "@/lib/a/b" for "lib/a/b/".
      if (p === from.slice(0, -1)) return to.slice(0, -1);
      continue;
    }
    if (p === from || p.startsWith(from + ".") || p.startsWith(from + "/")) return to + p.slice(from.length);
  }
  return p;
}
const git = (...args) => execFileSync("git", args, { cwd: root, encoding: "utf8" });
const tracked = git("ls-files")
  .split("\n")
  .filter((f) => f && fs.existsSync(path.join(root, f)));
const known = new Set(tracked.map(strip));
const knownDirs = new Set();
for (const f of tracked) for (let d = path.dirname(f); d !== "."; d = path.dirname(d)) knownDirs.add(d);
const isModule = (t) => known.has(t) || known.has(t + "/index") || knownDirs.has(t);

const moves = tracked.map((f) => [f, mapModule(f)]).filter(([from, to]) => from !== to);
const oldOf = new Map(moves.map(([from, to]) => [to, from]));
for (const [from, to] of moves) {
  fs.mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
  git("mv", from, to);
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
let rewritten = 0;
for (const now of tracked.map(mapModule)) {
  const file = path.join(root, now);
  if (!fs.existsSync(file)) continue;
  // This script's own tests hold old and new paths as fixtures: never rewritten.
  if (now.startsWith("scripts/move-modules")) continue;
  const was = oldOf.get(now) ?? now;
  const before = fs.readFileSync(file, "utf8");
  let src = before;
  if (/\.(ts|tsx|mjs|cjs|js|mts)$/.test(now)) {
    src = src.replace(/(["'`])((?:@\/|\.\.?\/)[^"'`\s${}]+)\1/g, (whole, quote, spec) => {
      const ext = (spec.match(/\.(tsx?|mjs|cjs|js)$/) ?? [""])[0];
      const bare = ext ? spec.slice(0, -ext.length) : spec;
      const target = bare.startsWith("@/") ? bare.slice(2) : path.posix.join(path.posix.dirname(was), bare);
      const moved = mapModule(target);
      if (!isModule(target) && !isModule(moved)) return whole;
      if (bare.startsWith("@/")) return moved === target ? whole : `${quote}@/${moved}${ext}${quote}`;
      if (was === now && moved === target) return whole;
      let rel = path.posix.relative(path.posix.dirname(now), moved);
      if (!rel.startsWith(".")) rel = "./" + rel;
      if (rel.startsWith("../")) rel = "@/" + moved;
      return `${quote}${rel}${ext}${quote}`;
    });
  }
  // Decisions are history.
  if (/\.(md|ts|tsx|mjs|cjs)$/.test(now) && !now.startsWith("docs/decisions/")) {
    for (const [from, to] of RULES) {
      const tail = from.endsWith("/") ? "" : "(?![\\w-])";
      src = src.replace(new RegExp(`(?<![\\w@/.-])${escape(from)}${tail}`, "g"), to);
    }
  }
  if (src !== before) {
    fs.writeFileSync(file, src);
    rewritten++;
  }
}
console.log(`moved ${moves.length} files, rewrote ${rewritten}`);
