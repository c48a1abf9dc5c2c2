import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "@/lib/store/db";
import { FencedError, type Fence } from "@/lib/store/leader";
import { ProbeEngine } from "./engine";
import { listen, probeConfig } from "@/lib/probes/testing";

describe("probe engine as leader and follower", () => {
  let store: Store;
  let server: http.Server;
  let base = "";
  let hits = 0;
  const opts = { secrets: { pgUser: "postgres" }, concurrency: 4, retentionDays: { raw: 7, minute: 90 }, flushMs: 10 };
  const count = async () =>
    Number(
      (
        await store.db
          .selectFrom("probe_result")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirst()
      )?.n ?? 0,
    );

  beforeAll(async () => {
    store = await openStore({
      sqlitePath: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sw-engine-lead-")), "s.sqlite"),
    });
    server = http.createServer((_req, res) => {
      hits++;
      res.writeHead(200).end('{"status":"UP"}');
    });
    base = `http://127.0.0.1:${await listen(server)}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await store?.close();
  });

  it("a follower runs 'run now' but stores nothing; as leader it stores behind the fence, and a refusing fence loses the batch, not the engine", async () => {
    const engine = await ProbeEngine.create(store, opts);
    engine.setTargets([probeConfig({ name: "api", type: "http", url: `${base}/health`, intervalSeconds: 3600 })]);
    engine.followFromStart();
    expect((await engine.runNow(["api"]))[0]?.status).toBe("up");
    expect(hits).toBe(1);
    expect(await count()).toBe(0);

    let allow = true;
    let checks = 0;
    const fence: Fence = async () => {
      checks++;
      if (!allow) throw new FencedError();
    };
    await engine.lead(fence, { schedule: false });
    await engine.runNow(["api"]);
    expect(await count()).toBe(1);
    expect(checks).toBeGreaterThanOrEqual(1);

    allow = false;
    await expect(engine.runNow(["api"])).rejects.toThrow(FencedError);
    expect(await count()).toBe(1);

    engine.follow();
    allow = true;
    await engine.runNow(["api"]);
    expect(await count()).toBe(1);
    await engine.lead(fence, { schedule: false });
    await engine.runNow(["api"]);
    expect(await count()).toBe(2);
    const rollup = await store.db
      .selectFrom("probe_rollup")
      .select(["checks"])
      .where("probe", "=", "api")
      .where("phase", "=", "total")
      .where("grain", "=", "d")
      .executeTakeFirst();
    // Read back, not overwritten, after the refused batch and the change of leader.
    expect(Number(rollup?.checks)).toBe(2);
    await engine.stop();
  });
});
