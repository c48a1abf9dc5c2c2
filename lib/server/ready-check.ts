import { z } from "zod";
import type { GoogleAccess } from "@/lib/gcp/credentials";
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
  /** Whether Google can be read; answered once per process (lib/gcp/credentials.ts). */
  googleAccess: () => Promise<GoogleAccess>;
  timeoutMs?: number;
  log?: (line: string, err: unknown) => void;
}

const checkResultSchema = z.enum(["ok", "failed", "timeout"]);
export type CheckResult = z.infer<typeof checkResultSchema>;

/**
 * Not a readiness check: an instance without Google credentials still serves the dashboard
 * (its figures say unknown), and failing the startup probe would only restart it forever.
 */
const googleStateSchema = z
  .enum(["credentials", "emulator", "no credentials", "unchecked"])
  .describe("Whether Google can be read; not a readiness check (without credentials figures are unknown).");
export type GoogleState = z.infer<typeof googleStateSchema>;

/** The answer, as a zod schema whose output is the type (the API contract documents it). */
export const readyReportSchema = z.strictObject({
  ready: z.boolean(),
  /** The store's LeaderRole (lib/store/leader.ts); the report is built from one, so a new role fails the build. */
  role: z.enum(["starting", "leader", "follower", "stopped"]),
  checks: z.strictObject({ store: checkResultSchema, config: checkResultSchema }),
  google: googleStateSchema,
  /** Present when something outside the checks leaves figures unknown. */
  warning: z.string().optional(),
  checkedAt: z.string(),
});
export type ReadyReport = z.infer<typeof readyReportSchema>;

function withTimeout(p: Promise<void>, ms: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  return Promise.race([p.then((): CheckResult => "ok"), timeout]).finally(() => clearTimeout(timer));
}

/** The process's Google access, or null when it is not known within `ms` or cannot be asked. */
function accessWithin(
  ask: () => Promise<GoogleAccess>,
  ms: number,
  log: (line: string, err: unknown) => void,
): Promise<GoogleAccess | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([ask(), timeout])
    .catch((err: unknown) => {
      log("Google access could not be checked:", err);
      return null;
    })
    .finally(() => clearTimeout(timer));
}

export async function checkReady(inputs: ReadyInputs, now: number): Promise<ReadyReport> {
  const log = inputs.log ?? ((line, err) => console.error(line, err));
  const ms = inputs.timeoutMs ?? 2_000;
  let config: CheckResult = "ok";
  try {
    inputs.checkConfig();
  } catch (err) {
    log("Not ready: the staging config is invalid:", err);
    config = "failed";
  }
  // Asked alongside the store (once per process, usually in ~0.1 s), so the two waits do not
  // add up past the startup probe's timeout.
  const [store, access] = await Promise.all([
    withTimeout(inputs.pingStore(), ms).catch((err: unknown): CheckResult => {
      log("Not ready: the store is unreachable:", err);
      return "failed";
    }),
    accessWithin(inputs.googleAccess, ms, log),
  ]);
  const role = inputs.role();
  const ready = store === "ok" && config === "ok" && (role === "leader" || role === "follower");
  const google: GoogleState = !access ? "unchecked" : access.state === "missing" ? "no credentials" : access.state;
  return {
    ready,
    role,
    checks: { store, config },
    google,
    // The public answer says that figures are unknown and why, not what google-auth-library said.
    ...(access?.state === "missing"
      ? { warning: "unknown: no Google credentials; Cloud Monitoring and Cloud Logging figures are unknown" }
      : {}),
    checkedAt: new Date(now).toISOString(),
  };
}
