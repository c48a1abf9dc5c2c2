// Room loops, checked by `npm run lint:layers` after dependency-cruiser's rules (decisions 0034, 0038).
// A room is a folder two segments deep (lib/probes, with its core/, check/, store/ …). Dependency-
// cruiser's folder scope sees lib/probes/core and lib/probes as two folders, so lib/store → lib/probes/core
// with lib/probes/store → lib/store passes it although the two rooms import each other. This reads
// dependency-cruiser's own module graph (the folders config: tests and test helpers left out, type-only
// imports in) and fails on any loop between rooms, of any length.
//   node scripts/room-loops.mjs
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOM = /^((?:lib|app|components|emulator)\/[^/]+?)(?:\.(?:tsx?|mts|mjs))?(?:\/|$)/;
/**
 * The room of a project path: its first two segments, so a file directly under a top folder
 * (emulator/wire.ts, a future lib/foo.ts) is a room of its own and no loop can pass through it
 * unseen; null outside the rooms (node_modules, proxy.ts).
 */
export const roomOf = (file) => ROOM.exec(file)?.[1] ?? null;

/**
 * Loops between rooms: each strongly connected set of two or more rooms, with one file-level import
 * per room-to-room edge inside it as evidence. `modules` is dependency-cruiser's JSON `modules` list.
 */
export function roomLoops(modules) {
  const edges = new Map();
  for (const m of modules) {
    const from = roomOf(m.source);
    if (!from) continue;
    for (const d of m.dependencies) {
      const to = roomOf(d.resolved);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from).has(to)) edges.get(from).set(to, `${m.source} → ${d.resolved}`);
    }
  }
  // Tarjan's strongly connected components, over the rooms.
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const loops = [];
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const rooms = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      rooms.push(w);
    } while (w !== v);
    if (rooms.length < 2) return;
    rooms.sort();
    const inside = new Set(rooms);
    const evidence = [];
    for (const a of rooms) for (const [b, why] of edges.get(a) ?? []) if (inside.has(b)) evidence.push(why);
    loops.push({ rooms, evidence });
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return loops;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bin = path.join("node_modules", ".bin", "depcruise");
  const json = execFileSync(
    bin,
    ["lib", "app", "components", "emulator", "--config", ".dependency-cruiser.folders.cjs", "--output-type", "json"],
    { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
  );
  const loops = roomLoops(JSON.parse(json).modules);
  for (const loop of loops) {
    console.error(`room loop: ${loop.rooms.join(" ↔ ")}`);
    for (const e of loop.evidence) console.error(`  ${e}`);
  }
  if (loops.length) {
    console.error(`\n✘ ${loops.length} room loop(s): move the shared part down a floor (docs/architecture.md).`);
    process.exit(1);
  }
  console.log("✔ no room loops");
}
