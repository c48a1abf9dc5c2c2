import type { LeaderRole } from "@/lib/store/leader";

/**
 * What /api/ready answers Cloud Run's startup probe (and a load balancer): ready only when the
 * store answers, the staging config is valid and this replica knows whether it leads. The
 * answer is public, so it names which check failed and nothing more (details go to the log).
 */

export interface ReadyInputs {
  pingStore: () => Promise<void>;
  checkConfig: () => void;
  role: () => LeaderRole;
  timeoutMs?: number;
  log?: (line: string, err: unknown) => void;
}

export type CheckResult = "ok" | "failed" | "timeout";

export interface ReadyReport {
  ready: boolean;
  role: LeaderRole;
  checks: { store: CheckResult; config: CheckResult };
  checkedAt: string;
}

function withTimeout(p: Promise<void>, ms: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  return Promise.race([p.then((): CheckResult => "ok"), timeout]).finally(() => clearTimeout(timer));
}

export async function checkReady(inputs: ReadyInputs, now: number): Promise<ReadyReport> {
  const log = inputs.log ?? ((line, err) => console.error(line, err));
  let config: CheckResult = "ok";
  try {
    inputs.checkConfig();
  } catch (err) {
    log("Not ready: the staging config is invalid:", err);
    config = "failed";
  }
  const store = await withTimeout(inputs.pingStore(), inputs.timeoutMs ?? 2_000).catch((err: unknown): CheckResult => {
    log("Not ready: the store is unreachable:", err);
    return "failed";
  });
  const role = inputs.role();
  const ready = store === "ok" && config === "ok" && (role === "leader" || role === "follower");
  return { ready, role, checks: { store, config }, checkedAt: new Date(now).toISOString() };
}
