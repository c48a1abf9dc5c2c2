import { z } from "zod";
import { phaseStatusSchema } from "@/lib/config/core/staging-schema";
import { phaseLabel, type TrackerPhase } from "./types";

// Part of the tracker's API answer (lib/tracker/types.ts), so a zod schema whose output is the type.
export const gateStateSchema = z.strictObject({
  /** The phase this one starts after. */
  phaseId: z.string(),
  open: z.boolean(),
  text: z.string(),
});
export type GateState = z.infer<typeof gateStateSchema>;

export const effectiveStatusSchema = z.strictObject({
  status: phaseStatusSchema,
  reason: z.string().optional(),
  gate: gateStateSchema.nullable(),
});
export type EffectiveStatus = z.infer<typeof effectiveStatusSchema>;

function gateOf(phase: TrackerPhase, phases: readonly TrackerPhase[]): GateState | null {
  if (!phase.startsAfter) return null;
  const before = phases.find((p) => p.id === phase.startsAfter);
  // The schema rejects unknown ids, but store edits may not: a gate on nothing stays closed.
  if (!before)
    return { phaseId: phase.startsAfter, open: false, text: `waits for an unknown phase "${phase.startsAfter}"` };
  const open = before.status === "done";
  return {
    phaseId: before.id,
    open,
    text: open ? `${phaseLabel(before)} is done` : `waits for ${phaseLabel(before)} to be done`,
  };
}

/**
 * The status to show: a phase cannot be active (or start) while its gate phase is not done,
 * so it is `held` with the reason. Only the direct gate is read, so a cycle of gates cannot loop.
 * `blocked` and `done` are decisions people made and are kept as they are.
 */
export function effectiveStatus(phase: TrackerPhase, phases: readonly TrackerPhase[]): EffectiveStatus {
  const gate = gateOf(phase, phases);
  const closed = gate !== null && !gate.open;
  switch (phase.status) {
    case "active":
    case "not-started":
      return closed ? { status: "held", reason: `held: ${gate.text}`, gate } : { status: phase.status, gate };
    case "held":
      return {
        status: "held",
        reason: closed ? `held: ${gate.text}` : gate ? `on hold, although ${gate.text}` : "on hold",
        gate,
      };
    case "blocked":
      return { status: "blocked", reason: "marked blocked", gate };
    case "done":
      return { status: "done", gate };
  }
}
