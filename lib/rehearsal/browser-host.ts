import { accessSync, constants } from "node:fs";
import { chromium, type Browser, type BrowserServer } from "playwright-core";
import { CHROMIUM_FLAGS } from "@/lib/rehearsal/chromium-flags";

/**
 * The one Chromium of this process. Rehearsals take turns (one browser, one journey at a time);
 * the browser is launched on first use, kept between runs, killed after a run that hung or
 * crashed it, and closed when idle so it does not hold memory between 5-minute rehearsals.
 */

/** The shared flags, and shared memory in /tmp: a container's /dev/shm is small (Docker's is 64 MB). */
const REHEARSAL_FLAGS = [...CHROMIUM_FLAGS, "--disable-dev-shm-usage"];

export class BrowserUnavailableError extends Error {
  constructor(
    readonly executablePath: string,
    reason: string,
  ) {
    super(`No browser to rehearse with: ${executablePath} ${reason}`);
    this.name = "BrowserUnavailableError";
  }
}

export interface BrowserHostOptions {
  executablePath: string;
  /** Close the browser after this long without a rehearsal. */
  idleCloseMs?: number;
  launchTimeoutMs?: number;
}

export class BrowserHost {
  private server: BrowserServer | null = null;
  private browser: Browser | null = null;
  private turn: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | null = null;
  /** Chromium processes started so far (the bench and tests read it). */
  launches = 0;

  constructor(private readonly opts: BrowserHostOptions) {}

  /** Throws BrowserUnavailableError when the configured Chromium is not an executable file. */
  checkExecutable(): void {
    try {
      accessSync(this.opts.executablePath, constants.X_OK);
    } catch (err) {
      throw new BrowserUnavailableError(
        this.opts.executablePath,
        `cannot be run (${(err as NodeJS.ErrnoException).code ?? "error"})`,
      );
    }
  }

  /** The browser process id (its process group holds every Chromium child), or null when none runs. */
  pid(): number | null {
    return this.server?.process().pid ?? null;
  }

  /** Runs `fn` with a connected browser, after every earlier turn has finished. */
  withBrowser<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
    const run = this.turn.then(async () => {
      if (this.idleTimer) clearTimeout(this.idleTimer);
      try {
        return await fn(await this.connected());
      } finally {
        this.armIdle();
      }
    });
    this.turn = run.catch(() => {});
    return run;
  }

  private async connected(): Promise<Browser> {
    if (this.browser?.isConnected()) return this.browser;
    await this.kill();
    this.checkExecutable();
    const server = await chromium.launchServer({
      executablePath: this.opts.executablePath,
      headless: true,
      args: REHEARSAL_FLAGS,
      timeout: this.opts.launchTimeoutMs ?? 30_000,
      // The host kills the browser itself; Playwright's signal handlers would fight the app's.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    this.launches++;
    this.server = server;
    try {
      this.browser = await chromium.connect(server.wsEndpoint(), { timeout: this.opts.launchTimeoutMs ?? 30_000 });
    } catch (err) {
      await this.kill();
      throw err;
    }
    return this.browser;
  }

  /** Kills the browser and every child process (SIGKILL to its process group); the next turn launches a new one. */
  async kill(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.browser = null;
    if (server) await server.kill().catch(() => {});
  }

  private armIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.close(), this.opts.idleCloseMs ?? 60_000);
    this.idleTimer.unref();
  }

  /** Closes the browser gracefully, killing it when it does not go within 3 s. */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.browser = null;
    const closed = server.close().then(
      () => true,
      () => false,
    );
    const inTime = await Promise.race([closed, new Promise<boolean>((r) => setTimeout(() => r(false), 3_000).unref())]);
    if (!inTime) await server.kill().catch(() => {});
  }
}
