import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { getEnv } from "@/lib/config/env";
import { probeEngine, watchProbeTargets } from "@/lib/probes/schedule/runtime";
import { startReadinessEvaluator, stopReadinessEvaluator } from "@/lib/readiness/service";
import { startSloEvaluator, stopSloEvaluator } from "@/lib/slo/service";
import { startNotificationWatcher, stopNotificationWatcher } from "@/lib/notifications/watcher";
import { startDigestScheduler, stopDigestScheduler } from "@/lib/digest/service";
import { getStore } from "@/lib/store/db";
import { LeaderElector, PostgresLease, soleLease, type LeaderRole } from "@/lib/store/leader";
import { startTrackerEvaluator, stopTrackerEvaluator } from "@/lib/tracker/service";
import { processSingleton } from "@/lib/base/singleton";

/**
 * The background work of a replica — probes, criteria, readiness and SLO evaluators, the
 * verdict and golden-path notifications (and every webhook these send), the weekly digest, retention — runs only
 * while this replica holds the leader lease,
 * and stops at once when it loses it. With SQLite there is one process, always the leader.
 */

type Holder = { elector?: LeaderElector; starting?: Promise<void>; stopping?: Promise<void> };
const state = (): Holder => processSingleton<Holder>("background", () => ({}));

/** This replica's name in the lease row: host (the Cloud Run instance), process and a nonce. */
const replicaId = () => `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export function backgroundRole(): LeaderRole {
  const s = state();
  if (s.stopping) return "stopped";
  return s.elector?.role ?? "starting";
}

async function start(): Promise<void> {
  const env = getEnv();
  const store = await getStore();
  const engine = await probeEngine();
  await watchProbeTargets();
  const several = store.dialect === "postgres";
  const lease = several
    ? new PostgresLease(store.db, { holder: replicaId(), ttlMs: env.STAGEWATCH_LEADER_LEASE_MS })
    : soleLease;
  const elector = new LeaderElector(lease, {
    ttlMs: env.STAGEWATCH_LEADER_LEASE_MS,
    onLead: (token, fence) => {
      if (several) console.log(`This replica leads the background work (lease token ${token}).`);
      void engine
        .lead(fence, { schedule: env.STAGEWATCH_PROBES === "on" })
        .catch((err: unknown) => console.error("Probes could not start:", err));
      // STAGEWATCH_EVALUATORS=off leaves criteria and the demo verdict to be evaluated on request.
      if (env.STAGEWATCH_EVALUATORS === "on") {
        startTrackerEvaluator();
        startReadinessEvaluator();
        startSloEvaluator();
        startNotificationWatcher();
        startDigestScheduler();
      }
    },
    onLose: (reason) => {
      console.warn(`This replica stopped its background work: ${reason}.`);
      engine.follow();
      stopTrackerEvaluator();
      stopReadinessEvaluator();
      stopSloEvaluator();
      stopNotificationWatcher();
      stopDigestScheduler();
    },
    onError: (err) => console.error("Leader lease:", err),
  });
  state().elector = elector;
  elector.start();
}

/** Starts leader election and, while leader, the background work; once per process. */
export function startBackground(): Promise<void> {
  const s = state();
  if (!s.starting) {
    s.starting = start();
    // A store that is not reachable yet is tried again by the next call (e.g. the readiness probe).
    s.starting.catch(() => {
      if (!s.elector) s.starting = undefined;
    });
  }
  return s.starting;
}

/**
 * For SIGTERM: stop scheduling at once, write what is queued while the lease is still ours,
 * give the lease up (another replica takes over now, not after it expires), close the store.
 */
export function stopBackground(): Promise<void> {
  const s = state();
  s.stopping ??= (async () => {
    const elector = s.elector;
    // No elector: the store never opened, and there is nothing to finish or release.
    if (!elector) return;
    await elector.stop(async () => (await probeEngine()).recorder.flush());
    await (await getStore()).close();
  })();
  return s.stopping;
}
