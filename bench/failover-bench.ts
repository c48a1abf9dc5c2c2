import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { postgresUnavailable, startPostgres } from "@/lib/testing/postgres";
import { startReplica, type Replica } from "@/lib/testing/replica";

/**
 * Issue 17's fail-over figure with the shipped defaults (15 s lease, 30 s probe interval): two
 * replicas on one local PostgreSQL probe one counting target; the leader is killed with SIGKILL
 * and the time to the next probe (by the other replica) is measured. Goal: within two intervals.
 */

const INTERVAL_S = 30;

async function role(r: Replica): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${r.port}/ready`);
  return String(((await res.json()) as { role?: string }).role);
}

export async function benchFailover(): Promise<string[]> {
  if (postgresUnavailable) return [`fail-over: not measured — ${postgresUnavailable}`];
  const postgres = await startPostgres();
  const hits: number[] = [];
  const target = http.createServer((_req, res) => {
    hits.push(Date.now());
    res.writeHead(200).end('{"status":"UP"}');
  });
  await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stagewatch-failover-"));
  const replicas: Replica[] = [];
  try {
    const config = JSON.parse(fs.readFileSync("staging.config.json", "utf8")) as Record<string, unknown>;
    config.probes = [
      {
        name: "counted",
        type: "http",
        url: `http://127.0.0.1:${(target.address() as { port: number }).port}/`,
        intervalSeconds: INTERVAL_S,
        conditions: ["[STATUS] == 200"],
      },
    ];
    fs.writeFileSync(path.join(dir, "config.json"), JSON.stringify(config));
    const env = {
      NEXTAUTH_SECRET: "b".repeat(40),
      STAGEWATCH_CONFIG: path.join(dir, "config.json"),
      STAGEWATCH_DATA_DIR: dir,
      STAGEWATCH_DATABASE_URL: postgres.url,
      STAGEWATCH_EVALUATORS: "off",
    };
    replicas.push(await startReplica(env), await startReplica(env));
    // Wait for the leader's first probe, so the schedule is running.
    for (let i = 0; i < 2 * INTERVAL_S * 10 && hits.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    const roles = await Promise.all(replicas.map(role));
    const leader = replicas[roles.indexOf("leader")];
    if (!leader) throw new Error(`no leader among ${roles.join(", ")}`);
    const lastBefore = hits.at(-1) ?? 0;
    const killedAt = Date.now();
    leader.child.kill("SIGKILL");
    let next: number | undefined;
    for (let i = 0; i < 3 * INTERVAL_S * 10 && next === undefined; i++) {
      await new Promise((r) => setTimeout(r, 100));
      next = hits.find((t) => t > killedAt);
    }
    if (next === undefined) return [`fail-over: no probe within ${3 * INTERVAL_S} s of killing the leader FAIL`];
    const gap = (next - lastBefore) / 1000;
    return [
      `fail-over: 2 replicas on PostgreSQL, lease 15 s, interval ${INTERVAL_S} s: leader killed (SIGKILL) ${((killedAt - lastBefore) / 1000).toFixed(1)} s after its last probe; next probe by the new leader ${((next - killedAt) / 1000).toFixed(1)} s after the kill, ${gap.toFixed(1)} s after the previous probe (goal within 2 intervals = ${2 * INTERVAL_S} s) ${gap <= 2 * INTERVAL_S ? "PASS" : "FAIL"}`,
    ];
  } finally {
    for (const r of replicas) if (r.child.exitCode === null) r.child.kill("SIGKILL");
    await new Promise((r) => target.close(r));
    await postgres.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
