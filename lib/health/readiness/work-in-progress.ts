import type { PhaseProgress } from "../tracker/progress";
import type { WorkInProgress } from "./types";

/** Who is on it: the team of the current phase, when that phase is actually being worked on. */
export function workInProgressOf(progress: PhaseProgress): WorkInProgress | undefined {
  const current = progress.current;
  return current?.effective.status === "active" ? { team: current.ownerTeam, phaseOrder: current.order } : undefined;
}
