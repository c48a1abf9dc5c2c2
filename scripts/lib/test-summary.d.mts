export type Counts = { passed: number; failed: number; skipped: number };
export function vitestCounts(report: unknown): Counts;
export function playwrightCounts(report: unknown): Counts;
export function summaryLine(parts: Counts[], failedSteps?: number): string;
export function closingLineCounts(output: string): Counts | null;
