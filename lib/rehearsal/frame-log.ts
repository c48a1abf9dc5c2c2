/**
 * WebSocket frames the page received during one run, from its first request on, so a
 * `waitForWebSocketMessage` step also sees a message that arrived before the step began.
 */

const MAX_FRAMES = 500;

export class FrameLog {
  private frames: { url: string; text: string }[] = [];
  /** Handshake failures and closes, for the error of a step that waited in vain. */
  readonly problems: string[] = [];
  private waiters = new Set<() => void>();

  push(url: string, text: string): void {
    if (this.frames.length < MAX_FRAMES) this.frames.push({ url, text });
    for (const w of this.waiters) w();
  }

  problem(text: string): void {
    if (this.problems.length < 20) this.problems.push(text);
  }

  private find(contains: string, urlContains?: string): boolean {
    return this.frames.some(
      (f) => f.text.includes(contains) && (urlContains === undefined || f.url.includes(urlContains)),
    );
  }

  waitFor(contains: string, urlContains: string | undefined, timeoutMs: number): Promise<void> {
    if (this.find(contains, urlContains)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!this.find(contains, urlContains)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        const seen = this.problems.length ? `; ${this.problems.slice(-2).join("; ")}` : "";
        reject(
          new Error(
            `No WebSocket message containing ${JSON.stringify(contains)} within ${timeoutMs} ms (${this.frames.length} received${seen})`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(check);
    });
  }
}
