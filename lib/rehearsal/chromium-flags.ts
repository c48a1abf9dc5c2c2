/**
 * The flags every Chromium this project starts gets (rehearsals, the e2e suite, the UI bench):
 * no sandbox (containers), no GPU, and no traffic of its own, which would reach out of the
 * machine and skew timings.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
