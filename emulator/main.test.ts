import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

/** `npm run emulator` as a shell sees it: the printed variables, then a clean exit on SIGTERM. */

const tsx = path.resolve("node_modules/.bin/tsx");
const children: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(tsx, ["emulator/main.ts", ...args], { env: { ...process.env, ...env }, stdio: "pipe" });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      if (stdout.includes("# emulator ready\n")) resolve(stdout);
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  // Tests that expect a failed start never await `ready`; keep its rejection from going unhandled.
  ready.catch(() => undefined);
  return { child, ready, output: () => ({ stdout, stderr }) };
}

describe("emulator CLI", () => {
  it("prints exactly the variables a shell can eval, serves them, and exits 0 on SIGTERM", async () => {
    const { child, ready } = run(["--scenario", "healthy", "--seed", "7"], { EMULATOR_TIME_SCALE: "5" });
    const stdout = await ready;
    const lines = stdout.trimEnd().split("\n");
    const patterns = [
      /^MONITORING_EMULATOR_HOST=127\.0\.0\.1:(\d+)$/,
      /^LOGGING_EMULATOR_HOST=127\.0\.0\.1:(\d+)$/,
      /^STAGING_BACKEND_URL=http:\/\/127\.0\.0\.1:(\d+)$/,
      /^STAGING_AUTH_URL=http:\/\/127\.0\.0\.1:(\d+)$/,
      /^STAGING_BACKEND_WS_URL=ws:\/\/127\.0\.0\.1:(\d+)\/ws$/,
      /^STAGING_DB_PORT=(\d+)$/,
      /^STAGEWATCH_EMULATOR_ADMIN=http:\/\/127\.0\.0\.1:(\d+)$/,
      /^STAGING_WEB_URL=http:\/\/127\.0\.0\.1:(\d+)$/,
      /^REHEARSAL_DEMO_PASSWORD=stagewatch-demo-presenter$/,
      /^STAGEWATCH_EMULATOR_ADMIN_TOKEN=[A-Za-z0-9_-]{32}$/,
      /^# emulator ready$/,
    ];
    expect(lines).toHaveLength(patterns.length);
    lines.forEach((line, i) => expect(line).toMatch(patterns[i] ?? /^$/));
    const admin = lines[6]?.split("=")[1] ?? "";
    const state = (await (await fetch(`${admin}/state`)).json()) as {
      scenario: string;
      seed: number;
      timeScale: number;
    };
    expect(state).toMatchObject({ scenario: "healthy", seed: 7, timeScale: 5 });
    const backend = lines[2]?.split("=")[1] ?? "";
    expect((await fetch(`${backend}/health`)).status).toBe(200);
    const web = lines[7]?.split("=")[1] ?? "";
    expect(await (await fetch(`${web}/`)).text()).toContain('<form method="post" action="/sign-in">');
    child.kill("SIGTERM");
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
  });

  it("refuses bad flags with exit code 2, a message on stderr and nothing on stdout", async () => {
    const { child, output } = run(["--scenario", "sunny"]);
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(2);
    expect(output().stderr).toContain("scenario");
    expect(output().stdout).toBe("");
  });
});
