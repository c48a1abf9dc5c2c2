/** What one rehearsal found, step by step; stored as evidence and shown on the journey page. */

export type RehearsalStatus = "passed" | "failed" | "unknown";

export interface StepOutcome {
  /** 1-based, as people count. */
  index: number;
  label: string;
  action: string;
  status: "passed" | "failed" | "not-run";
  /** Start relative to the run's start, and duration; null for steps that did not run. */
  startMs: number | null;
  durationMs: number | null;
  error: string | null;
}

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
export interface RehearsalRun {
  id: string;
  probe: string;
  status: RehearsalStatus;
  startedAt: string;
  durationMs: number;
  steps: StepOutcome[];
  failedStep: number | null;
  error: string | null;
  /** Kinds with a stored screenshot; served by /api/rehearsals/<id>/screenshots/<kind>. */
  screenshots: string[];
}

/** What /api/probes/<name> adds for a browser probe: the journey, its latest run and the run history. */
export interface RehearsalDetail {
  journey: { index: number; label: string; action: string; timeoutMs: number }[];
  deadlineMs: number;
  latest: RehearsalRun | null;
  /** Newest first: each run's outcome and duration. */
  history: { id: string; startedAt: string; status: RehearsalStatus; durationMs: number; failedStep: number | null }[];
}
