import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openStore, sharedOpen, type Store } from "./db";
import { migrations } from "./migrations";

describe("openStore (SQLite)", () => {
  it("creates the file, runs migrations and is reusable after reopening", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-store-"));
    const file = path.join(dir, "nested", "s.sqlite");
    const applied = async (store: Store) =>
      (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db)).rows.map(
        (r) => r.name,
      );
    const all = Object.keys(migrations).sort();
    expect(all.length).toBeGreaterThan(0);
    const first = await openStore({ sqlitePath: file });
    // Every migration ran, once each.
    expect(await applied(first)).toEqual(all);
    await first.close();
    expect(fs.existsSync(file)).toBe(true);
    const second = await openStore({ sqlitePath: file });
    expect(second.dialect).toBe("sqlite");
    // Reopening finds them applied and runs none again.
    expect(await applied(second)).toEqual(all);
    await second.close();
  });
});

describe("sharedOpen", () => {
  it("shares one open between callers, and a failed open is tried again by the next caller", async () => {
    const slot: { current?: Promise<Store> } = {};
    let calls = 0;
    const store = { dialect: "sqlite" } as Store;
    const open = () => {
      calls++;
      return calls === 1 ? Promise.reject(new Error("connection refused")) : Promise.resolve(store);
    };
    const [a, b] = [sharedOpen(slot, open), sharedOpen(slot, open)];
    await expect(a).rejects.toThrow("connection refused");
    await expect(b).rejects.toThrow("connection refused");
    expect(calls).toBe(1);
    expect(await sharedOpen(slot, open)).toBe(store);
    expect(await sharedOpen(slot, open)).toBe(store);
    expect(calls).toBe(2);
  });
});
