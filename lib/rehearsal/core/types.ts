import { z } from "zod";

/**
 * What one rehearsal found, step by step; stored as evidence and shown on the journey page.
 * The shapes the API answers are zod schemas, their types the schemas' output.
 */

export const rehearsalStatusSchema = z.enum(["passed", "failed", "unknown"]);
export type RehearsalStatus = z.infer<typeof rehearsalStatusSchema>;

export const stepOutcomeSchema = z.strictObject({
  /** 1-based, as people count. */
  index: z.int(),
  label: z.string(),
  action: z.string(),
  status: z.enum(["passed", "failed", "not-run"]),
  /** Start relative to the run's start, and duration; null for steps that did not run. */
  startMs: z.number().nullable(),
  durationMs: z.number().nullable(),
  error: z.string().nullable(),
});
export type StepOutcome = z.infer<typeof stepOutcomeSchema>;

export interface RehearsalScreenshot {
  /** "end" (the state after a passing run), "failure" (the page when a step failed) or a screenshot step's label. */
  kind: string;
  png: Buffer;
}

export interface RehearsalOutcome {
  probe: string;
  status: RehearsalStatus;
  startedAt: string;
  durationMs: number;
  steps: StepOutcome[];
  /** 1-based index of the step that failed, or null. */
  failedStep: number | null;
  error: string | null;
  screenshots: RehearsalScreenshot[];
}

/** A stored run, as the API and the journey page read it (screenshots as references, not bytes). */
export const rehearsalRunSchema = z.strictObject({
  id: z.string(),
  probe: z.string(),
  status: rehearsalStatusSchema,
  startedAt: z.string(),
  durationMs: z.number(),
  steps: z.array(stepOutcomeSchema),
  failedStep: z.int().nullable(),
  error: z.string().nullable(),
  /** Kinds with a stored screenshot; served by GET /api/rehearsals/{id}/screenshots/{kind}. */
  screenshots: z.array(z.string()),
});
export type RehearsalRun = z.infer<typeof rehearsalRunSchema>;

/** What /api/probes/<name> adds for a browser probe: the journey, its latest run and the run history. */
export const rehearsalDetailSchema = z.strictObject({
  journey: z.array(z.strictObject({ index: z.int(), label: z.string(), action: z.string(), timeoutMs: z.number() })),
  deadlineMs: z.number(),
  latest: rehearsalRunSchema.nullable(),
  /** Newest first: each run's outcome and duration. */
  history: z.array(
    z.strictObject({
      id: z.string(),
      startedAt: z.string(),
      status: rehearsalStatusSchema,
      durationMs: z.number(),
      failedStep: z.int().nullable(),
    }),
  ),
});
export type RehearsalDetail = z.infer<typeof rehearsalDetailSchema>;
