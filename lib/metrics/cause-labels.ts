import type { Cause } from "@/lib/core/failure-causes";

/** What each failure signature means, in words an engineer scanning a table reads at once. */
export const CAUSE_LABELS: Record<Cause, string> = {
  "db-socket-timeout": "Database socket time-out",
  "exit-code": "Container exited",
  "startup-probe-failed": "Start-up probe failed",
  "jwt-handshake": "JWT handshake rejected",
  other: "Other",
};
