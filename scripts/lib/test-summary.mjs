// The closing lines of `npm test`: counts from Vitest's and Playwright's JSON reports. Skipped
// tests are counted and shown, so a run that skipped half its suite cannot read as all green.

/** Vitest's `--reporter=json` (Jest's shape): skipped = pending (skip) + todo. */
export function vitestCounts(report) {
  return {
    passed: report?.numPassedTests ?? 0,
    failed: report?.numFailedTests ?? 0,
    skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0),
  };
}

/** Playwright's JSON reporter: flaky tests passed on a retry, so they count as passed. */
export function playwrightCounts(report) {
  const stats = report?.stats ?? {};
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
  };
}

/** "N passed, N failed, N skipped"; failed steps (lint, build…) count as failures. */
export function summaryLine(parts, failedSteps = 0) {
  const sum = (key) => parts.reduce((n, p) => n + p[key], 0);
  return `${sum("passed")} passed, ${sum("failed") + failedSteps} failed, ${sum("skipped")} skipped`;
}

/** The container test's own closing "N passed, N failed" line; null when it printed none. */
export function closingLineCounts(output) {
  const lines = String(output).trim().split("\n");
  const m = /^(\d+) passed, (\d+) failed$/.exec(lines.at(-1)?.trim() ?? "");
  return m ? { passed: Number(m[1]), failed: Number(m[2]), skipped: 0 } : null;
}
