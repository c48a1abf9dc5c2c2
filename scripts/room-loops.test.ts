import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs script without type declarations
import { roomLoops, roomOf } from "./room-loops.mjs";

type Module = { source: string; dependencies: { resolved: string }[] };
const graph = (edges: Record<string, string[]>): Module[] =>
  Object.entries(edges).map(([source, to]) => ({ source, dependencies: to.map((resolved) => ({ resolved })) }));

describe("scripts/room-loops.mjs", () => {
  it("names a room by its first two segments, and nothing outside the project's rooms", () => {
    expect(roomOf("lib/probes/core/types.ts")).toBe("lib/probes");
    expect(roomOf("app/api/health/route.ts")).toBe("app/api");
    expect(roomOf("node_modules/zod/index.d.cts")).toBeNull();
    expect(roomOf("proxy.ts")).toBeNull();
    expect(roomOf("emulator/wire.ts")).toBe("emulator/wire");
    expect(roomOf("lib/foo.ts")).toBe("lib/foo");
  });

  it("finds a loop that dependency-cruiser's folder scope misses: through a room's subfolders", () => {
    const loops = roomLoops(
      graph({
        "lib/store/db.ts": ["lib/probes/core/types.ts", "node_modules/pg/index.js"],
        "lib/probes/core/types.ts": ["lib/core/slug.ts"],
        "lib/probes/store/queries.ts": ["lib/store/db.ts"],
      }),
    );
    expect(loops).toEqual([
      {
        rooms: ["lib/probes", "lib/store"],
        evidence: ["lib/probes/store/queries.ts → lib/store/db.ts", "lib/store/db.ts → lib/probes/core/types.ts"],
      },
    ]);
  });

  it("finds a loop through a file directly under a top folder, a room of its own", () => {
    const loops = roomLoops(
      graph({ "lib/a/x.ts": ["lib/foo.ts"], "lib/foo.ts": ["lib/b/x.ts"], "lib/b/x.ts": ["lib/a/y.ts"] }),
    );
    expect(loops.map((l: { rooms: string[] }) => l.rooms)).toEqual([["lib/a", "lib/b", "lib/foo"]]);
  });

  it("finds a longer loop once, and none in a graph that only goes down", () => {
    const round = roomLoops(
      graph({ "lib/a/x.ts": ["lib/b/x.ts"], "lib/b/x.ts": ["lib/c/x.ts"], "lib/c/x.ts": ["lib/a/y.ts"] }),
    );
    expect(round.map((l: { rooms: string[] }) => l.rooms)).toEqual([["lib/a", "lib/b", "lib/c"]]);
    expect(
      roomLoops(
        graph({
          "lib/a/x.ts": ["lib/b/x.ts", "lib/c/x.ts"],
          "lib/b/x.ts": ["lib/c/x.ts", "lib/c/y.ts"],
        }),
      ),
    ).toEqual([]);
  });
});
