/**
 * Tests, e2e and the bench only: a minimal server-sent events client over fetch, that keeps
 * what arrives (events, comment lines, `retry:`) and when the server closed the stream.
 */

export type SseMessage = { id: string | null; event: string; data: string; at: number };

export type OpenedStream = {
  status: number;
  contentType: string;
  events: SseMessage[];
  comments: number;
  retry: number | null;
  /** Resolves with the time (ms since epoch) the server ended the stream. */
  ended: Promise<number>;
  waitFor(pred: (e: SseMessage) => boolean, ms: number): Promise<SseMessage>;
  close(): void;
};

export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<OpenedStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: abort.signal });
  const opened: OpenedStream = {
    status: res.status,
    contentType: res.headers.get("content-type") ?? "",
    events: [],
    comments: 0,
    retry: null,
    ended: Promise.resolve(Date.now()),
    waitFor: async (pred, ms) => {
      const deadline = Date.now() + ms;
      for (;;) {
        const hit = opened.events.find(pred);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no such event within ${ms} ms: ${JSON.stringify(opened.events)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => abort.abort(),
  };
  if (!res.body || !opened.contentType.startsWith("text/event-stream")) {
    await res.body?.cancel();
    return opened;
  }
  const reader = res.body.getReader();
  opened.ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          parseBlock(buffer.slice(0, cut), opened);
          buffer = buffer.slice(cut + 2);
        }
      }
    } catch {
      // Aborted by close().
    }
    return Date.now();
  })();
  return opened;
}

function parseBlock(block: string, into: OpenedStream): void {
  let id: string | null = null;
  let event = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) into.comments++;
    else if (line.startsWith("retry: ")) into.retry = Number(line.slice(7));
    else if (line.startsWith("id: ")) id = line.slice(4);
    else if (line.startsWith("event: ")) event = line.slice(7);
    else if (line.startsWith("data: ")) data.push(line.slice(6));
  }
  if (data.length) into.events.push({ id, event, data: data.join("\n"), at: Date.now() });
}
