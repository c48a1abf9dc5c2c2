import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openStore } from "./db";

describe("openStore (SQLite)", () => {
  it("creates the file, runs migrations and is reusable after reopening", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-store-"));
    const file = path.join(dir, "nested", "s.sqlite");
    const first = await openStore({ sqlitePath: file });
    const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(first.db);
    expect(rows.rows.length).toBeGreaterThanOrEqual(0);
    await first.close();
    expect(fs.existsSync(file)).toBe(true);
    const second = await openStore({ sqlitePath: file });
    expect(second.dialect).toBe("sqlite");
    await second.close();
  });
});
