import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "./db";
import { claimSqliteStore, StoreInUseError } from "./sqlite-lock";

const tempFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sw-lock-")), "s.sqlite");

/** Another process holding the claim, as a second `npm start` on the same data folder would. */
function holdInChild(file: string): Promise<{ kill: () => Promise<void> }> {
  const code = `import { claimSqliteStore } from ${JSON.stringify(path.resolve("lib/store/sqlite-lock.ts"))};
    claimSqliteStore(${JSON.stringify(file)}); console.log("held"); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (c) => reject(new Error(`child exited with ${c}`)));
    child.stdout.on("data", (d: Buffer) => {
      if (d.toString().includes("held")) {
        resolve({
          kill: () =>
            new Promise<void>((done) => {
              child.removeAllListeners("exit");
              child.once("exit", () => done());
              child.kill("SIGKILL");
            }),
        });
      }
    });
  });
}

describe("one process per SQLite store", () => {
  it("refuses a second open in the same process until the first is closed", async () => {
    const file = tempFile();
    const first = await openStore({ sqlitePath: file });
    await expect(openStore({ sqlitePath: file })).rejects.toThrow(StoreInUseError);
    await expect(openStore({ sqlitePath: file })).rejects.toThrow(
      /already open in another Stagewatch process.*STAGEWATCH_DATABASE_URL/s,
    );
    await first.close();
    const second = await openStore({ sqlitePath: file });
    await second.close();
  });

  it("refuses while another process holds the store, and frees it when that process is killed", async () => {
    const file = tempFile();
    const child = await holdInChild(file);
    expect(() => claimSqliteStore(file)).toThrow(StoreInUseError);
    await child.kill();
    const release = claimSqliteStore(file);
    release();
  });
});
