import { windowFor } from "./active";
import {
  noteOf,
  type MaintenanceNote,
  type MaintenanceScope,
  type MaintenanceWindow,
} from "@/lib/config/core/maintenance/types";

/**
 * Routing's `held(event, channel)` (decision 0024's seam), typed by what it reads: routing's
 * HeldPredicate accepts it, and maintenance stays below notifications (decision 0038).
 */
export type HoldRule = (event: { subject: string }, channel: { duringMaintenance: boolean }) => string | null;

/** The maintenance windows' answer for one moment: which window covers a subject, and routing's hold. */
export type MaintenanceHold = {
  /** The window a notification subject ("overview", "probe:<name>", "readiness", "slo:<id>…") is in, or null. */
  windowOf: (subject: string) => MaintenanceNote | null;
  /**
   * Routing's `held(event, channel)` (decision 0024's seam): an event whose subject is in a window
   * is held for every channel except those that asked for `duringMaintenance`.
   */
  held: HoldRule;
};

export function maintenanceHold(
  windows: readonly MaintenanceWindow[],
  scopesOf: (subject: string) => MaintenanceScope[],
  t: number,
): MaintenanceHold {
  const windowOf = (subject: string) => {
    const w = windowFor(windows, scopesOf(subject), t);
    return w ? noteOf(w) : null;
  };
  return fromWindowOf(windowOf);
}

/**
 * The same hold with one more subject held under `note`: the Overview whose every finding sits
 * in some window says "maintenance", which is what people planned, so it is held like them.
 */
export function holdingToo(hold: MaintenanceHold, subject: string, note: MaintenanceNote): MaintenanceHold {
  return fromWindowOf((s) => (s === subject ? (hold.windowOf(s) ?? note) : hold.windowOf(s)));
}

function fromWindowOf(windowOf: (subject: string) => MaintenanceNote | null): MaintenanceHold {
  return {
    windowOf,
    held: (event, channel) => {
      if (channel.duringMaintenance) return null;
      const w = windowOf(event.subject);
      return w ? `maintenance: ${w.reason} (until ${w.endsAt})` : null;
    },
  };
}

/** Nothing in maintenance: tests and callers that route without windows. */
export const NO_MAINTENANCE: MaintenanceHold = { windowOf: () => null, held: () => null };
