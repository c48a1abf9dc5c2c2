/**
 * Graceful exit on SIGTERM (Cloud Run sends it, then SIGKILL 10 s later): runs `work` and
 * exits within `limitMs` whatever happens.
 *
 * Next's own server (next start, standalone server.js) also handles SIGTERM: it closes the HTTP
 * server, waits for requests in flight, then calls process.exit at once. Our work is async, so
 * that exit is held until the work is done (or the limit passes); then Next's code is used.
 * Without such a handler (a bare entrypoint) we exit ourselves when the work is done.
 */
export function exitGracefullyOnSigterm(
  work: () => Promise<void>,
  opts: { limitMs?: number; log?: (line: string) => void } = {},
): void {
  const limitMs = opts.limitMs ?? 7_500;
  const log = opts.log ?? console.error;
  const nextExits = process.listenerCount("SIGTERM") > 0;
  let started = false;
  process.on("SIGTERM", () => {
    if (started) return;
    started = true;
    const realExit = process.exit.bind(process);
    let exitCode: number | undefined = nextExits ? undefined : 0;
    let workDone = false;
    if (nextExits) {
      process.exit = ((code?: number | string | null) => {
        exitCode = typeof code === "number" ? code : 0;
        if (workDone) realExit(exitCode);
      }) as typeof process.exit;
    }
    const limit = setTimeout(() => {
      log(`Shutdown did not finish within ${limitMs} ms; exiting anyway.`);
      realExit(exitCode ?? 143);
    }, limitMs);
    void work()
      .catch((err: unknown) => log(`Shutdown: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        workDone = true;
        if (exitCode !== undefined) {
          clearTimeout(limit);
          realExit(exitCode);
        }
      });
  });
}
