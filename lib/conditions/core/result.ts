import { z } from "zod";

/** What evaluating one condition of an attempt gave: the probe result carries one per condition. */
export const conditionResultSchema = z.strictObject({
  condition: z.string(),
  /** null when it could not be evaluated (the attempt failed before the value existed). */
  passed: z.boolean().nullable(),
  /** The value it was evaluated on, as text (e.g. "503", "1.2 s", "\"DOWN\""). */
  value: z.string().nullable(),
  /** Set for latency conditions: failing them makes the target degraded rather than down. */
  soft: z.boolean(),
  error: z.string().optional(),
});
export type ConditionResult = z.infer<typeof conditionResultSchema>;
