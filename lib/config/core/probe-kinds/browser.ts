import { z } from "zod";
import type { Condition } from "@/lib/conditions/core/parse";
import { stepSchema } from "@/lib/config/core/rehearsal-steps";
import { defineProbeType, probeBase } from "./base";

/**
 * A demo rehearsal: a real browser walks these steps (decision 0012). It is judged by its steps,
 * not conditions, and runs through the rehearsal runner (lib/rehearsal), not a transport.
 */
export const browserProbeType = defineProbeType({
  type: "browser",
  placeholders: [],
  config: () =>
    z.strictObject({
      ...probeBase,
      type: z.literal("browser"),
      intervalSeconds: z.int().min(60).max(86_400).default(300),
      /** The whole journey's deadline. */
      timeoutMs: z.int().min(1_000).max(300_000).default(60_000),
      conditions: z
        .array(z.string())
        .max(0, "a browser probe is judged by its steps, not conditions")
        .default([])
        .transform((): Condition[] => []),
      steps: z.array(stepSchema).min(1, "a journey needs at least one step").max(50),
      viewport: z
        .strictObject({ width: z.int().min(320).max(3840), height: z.int().min(240).max(2160) })
        .default({ width: 1280, height: 800 }),
    }),
  // Judged by its steps (lib/rehearsal), which all must pass.
  defaults: [],
  // A rehearsal's phases are its steps, in journey order ("step-<n>", shown as "Step n").
  phases: {},
  phaseOrder: (p) => p.steps.map((_, i) => `step-${i + 1}`),
  describeTarget: (p) => {
    const first = p.steps.find((s) => s.action === "goto");
    const origin = first?.action === "goto" ? new URL(first.url) : null;
    return `browser journey, ${p.steps.length} steps${origin ? ` from ${origin.protocol}//${origin.host}${origin.pathname}` : ""}`;
  },
});
