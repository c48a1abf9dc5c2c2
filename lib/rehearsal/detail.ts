import type { BrowserProbeConfig } from "@/lib/config/core/staging-schema";
import type { StoreDb } from "@/lib/store/db";
import { recentRuns } from "./evidence";
import { stepLabel } from "@/lib/config/core/rehearsal-steps";
import type { RehearsalDetail } from "@/lib/rehearsal/core/types";

const HISTORY = 50;

export async function rehearsalDetail(db: StoreDb, cfg: BrowserProbeConfig): Promise<RehearsalDetail> {
  const runs = await recentRuns(db, cfg.name, HISTORY);
  return {
    journey: cfg.steps.map((s, i) => ({ index: i + 1, label: stepLabel(s), action: s.action, timeoutMs: s.timeoutMs })),
    deadlineMs: cfg.timeoutMs,
    latest: runs[0] ?? null,
    history: runs.map((r) => ({
      id: r.id,
      startedAt: r.startedAt,
      status: r.status,
      durationMs: r.durationMs,
      failedStep: r.failedStep,
    })),
  };
}
