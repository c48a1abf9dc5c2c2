import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPLICA_MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), "replica-main.ts");

/** A running lib/testing/replica-main.ts process (the integration test and the fail-over bench). */
export interface Replica {
  child: ChildProcess;
  port: number;
  log: () => string;
}

export function startReplica(env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", REPLICA_MAIN], {
    // The repository, whose tsconfig gives tsx the "@/" paths.
    cwd: path.resolve(path.dirname(REPLICA_MAIN), "..", ".."),
    // Only what the replica needs: PATH (not configuration) and the variables under test.
    // eslint-disable-next-line no-restricted-properties
    env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const append = (d: Buffer) => {
    out = (out + d.toString()).slice(-8000);
  };
  child.stderr?.on("data", append);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica did not start:\n${out}`)), 30_000);
    child.once("exit", (code) => reject(new Error(`replica exited with ${code}:\n${out}`)));
    child.stdout?.on("data", (d: Buffer) => {
      append(d);
      const m = /replica listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), log: () => out });
      }
    });
  });
}
