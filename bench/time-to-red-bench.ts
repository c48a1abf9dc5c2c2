import { startBenchStack } from "./lib/stack";

/**
 * Issue 14's time to red, end to end: Monitoring healthy (the healthy scenario), probes running,
 * then the backend stand-in is switched to failing through the emulator's admin port. Reports
 * the seconds until /api/overview says "down" naming the probe. An open page adds at most one
 * Overview refresh (5 s) on top.
 */

const BUDGET_S = 40;

type Body = { verdict: { status: string; reason: string } };

async function verdict(baseURL: string, cookie: string): Promise<Body["verdict"] | null> {
  const res = await fetch(`${baseURL}/api/overview?range=1h`, { headers: { cookie } }).catch(() => null);
  return res?.ok ? ((await res.json()) as Body).verdict : null;
}

async function until(check: () => Promise<boolean>, timeoutMs: number, everyMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return false;
}

export async function benchTimeToRed(): Promise<string[]> {
  const stack = await startBenchStack({ STAGEWATCH_EVALUATORS: "off" }, "healthy");
  try {
    const healthy = await until(
      async () => (await verdict(stack.baseURL, stack.cookie))?.status === "healthy",
      180_000,
      2_000,
    );
    if (!healthy)
      return [
        `time to red: could not be measured — the Overview never turned healthy (last: ${JSON.stringify(await verdict(stack.baseURL, stack.cookie))})`,
      ];
    const admin = stack.emulatorVars.STAGEWATCH_EMULATOR_ADMIN ?? "";
    const brokeAt = Date.now();
    const res = await fetch(`${admin}/standin`, {
      method: "POST",
      body: JSON.stringify({ service: "backend", mode: "down" }),
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${stack.emulatorVars.STAGEWATCH_EMULATOR_ADMIN_TOKEN ?? ""}`,
      },
    });
    if (!res.ok) throw new Error(`the emulator admin answered ${res.status}`);
    let last: Body["verdict"] | null = null;
    const red = await until(
      async () => {
        last = await verdict(stack.baseURL, stack.cookie);
        return last?.status === "down";
      },
      120_000,
      250,
    );
    const seconds = (Date.now() - brokeAt) / 1000;
    if (!red) return [`time to red: FAIL — still ${JSON.stringify(last)} after ${seconds.toFixed(0)} s`];
    const reason = (last as Body["verdict"] | null)?.reason ?? "";
    const ok = seconds <= BUDGET_S && reason.includes("backend-health");
    return [
      `time to red (backend stand-in failing, Monitoring healthy): /api/overview down after ${seconds.toFixed(1)} s, an open page within one more 5-s refresh (goal ≤ ${BUDGET_S} s) ${ok ? "PASS" : "FAIL"}; reason: ${reason}`,
    ];
  } finally {
    await stack.stop();
  }
}
