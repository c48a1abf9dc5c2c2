// What the container test asks the running image over HTTP: the Overview's figures and one demo
// rehearsal. Used by scripts/test-container.ts; each throws with what it saw when a check fails.
import type { Jar } from "../../e2e/http-session";
import { overviewResponseSchema } from "../../lib/metrics/schemas";

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/** The healthy scenario's headline figures: known and fresh. Returns the verdict and instance count. */
export async function overviewFigures(baseURL: string, jar: Jar): Promise<string> {
  const res = await fetch(`${baseURL}/api/overview?range=1h`, { headers: { cookie: jar.header() } });
  assert(res.status === 200, `/api/overview answered ${res.status}`);
  const parsed = overviewResponseSchema.safeParse(await res.json());
  assert(parsed.success, `the answer does not match its schema: ${parsed.error?.message}`);
  const o = parsed.data;
  // The healthy scenario: every headline figure is known and fresh.
  const figures = {
    "start-ups": o.startups.now,
    instances: o.connector.instances,
    "database up": o.database.up,
    backends: o.database.backends,
  };
  for (const [name, f] of Object.entries(figures)) {
    assert(f.value !== null, `${name}: no value`);
    assert(!f.stale, `${name}: stale (measured ${f.measuredAt})`);
  }
  assert(o.database.up.value === true, "the database is not up");
  return `verdict ${o.verdict.status}, instances ${String(o.connector.instances.value)}`;
}

/** One rehearsal on demand, all 6 steps passing, and then the readiness check on it passing. */
export async function rehearse(baseURL: string, jar: Jar): Promise<void> {
  const headers = { cookie: jar.header(), origin: baseURL };
  const res = await fetch(`${baseURL}/api/probes/demo-rehearsal/run`, {
    method: "POST",
    headers,
    signal: AbortSignal.timeout(120_000),
  });
  const body = (await res.json()) as {
    result: { status: string; failedPhase: string | null; details: { steps?: number; passedSteps?: number } } | null;
  };
  assert(res.status === 200, `run answered ${res.status}: ${JSON.stringify(body)}`);
  const r = body.result;
  assert(r?.status === "up", `the rehearsal ended ${JSON.stringify(r)}`);
  assert(r.details.steps === 6 && r.details.passedSteps === 6, `steps ${JSON.stringify(r.details)}`);
  // GO-capable: the readiness check on the rehearsal passes (it is a blocker when it does not).
  const deadline = Date.now() + 20_000;
  let last = "";
  while (Date.now() < deadline) {
    const view = (await (await fetch(`${baseURL}/api/readiness`, { headers })).json()) as {
      reasons: { checkId: string; status: string; text: string }[];
    };
    const reason = view.reasons.find((x) => x.checkId === "rehearsal");
    if (reason?.status === "pass") return;
    last = JSON.stringify(reason);
    await new Promise((x) => setTimeout(x, 1_000));
  }
  throw new Error(`the readiness check "rehearsal" did not pass: ${last}`);
}
