import { changeFor, feedChangeOf, type FeedChange, type StreamHello } from "@/lib/stream/core/events";
import { sseEvent, sseHeartbeat, sseRetry } from "@/lib/stream/core/sse";
import { changesAfter, feedHead, feedTail } from "@/lib/store/change-feed";
import type { StoreDb } from "@/lib/store/db";
import type { ChangeHub } from "./hub";

/**
 * One open `/api/stream` (decision 0027): `retry:`, a `hello` that says where the feed stands,
 * the changes missed since `Last-Event-ID` (bounded: further behind, or pruned, is a reset),
 * then every new change from the process's one hub, heartbeats, and an end as soon as the
 * session is no longer what it was when the stream opened (signed out, revoked, expired,
 * blocked, or its role changed): `stillAllowed` is asked every `recheckMs`.
 */

export const HEARTBEAT_MS = 15_000;
/** With SESSION_RECHECK_MS (1 s) this ends a stream within 1.5 s of a sign-out anywhere. */
export const RECHECK_MS = 500;
/** A resume at most this far behind is replayed; further behind, the client refetches everything. */
export const REPLAY_MAX = 100;

export type ChangeStreamOptions = {
  hub: ChangeHub;
  db: StoreDb;
  /** Whether this caller's role may see reasons and likely causes (decided by the route). */
  showDetail: boolean;
  lastEventId: number | null;
  stillAllowed: () => Promise<boolean>;
  /** The request's signal: the client went away. */
  signal?: AbortSignal;
  recheckMs?: number;
  heartbeatMs?: number;
  /** Called once when the stream ends, with why (tests, logs). */
  onEnd?: (reason: string) => void;
};

const encoder = new TextEncoder();

export function changeStream(opts: ChangeStreamOptions): ReadableStream<Uint8Array> {
  let end: (reason: string) => void = () => undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let ended = false;
      let lastSent = -1;
      let queued: FeedChange[] | null = [];
      const timers: NodeJS.Timeout[] = [];
      const send = (text: string) => {
        if (!ended) controller.enqueue(encoder.encode(text));
      };
      const sendChanges = (changes: readonly FeedChange[]) => {
        for (const c of changes) {
          if (c.pos <= lastSent) continue;
          lastSent = c.pos;
          send(sseEvent({ id: c.pos, event: "change", data: changeFor(c, opts.showDetail) }));
        }
      };
      const unsubscribe = opts.hub.subscribe(
        (changes) => {
          if (queued) queued.push(...changes);
          else sendChanges(changes);
        },
        () => end("shutdown"),
      );
      end = (reason) => {
        if (ended) return;
        if (reason === "session") send(sseEvent({ event: "end", data: { reason: "The session has ended." } }));
        ended = true;
        for (const t of timers) clearInterval(t);
        unsubscribe();
        opts.signal?.removeEventListener("abort", aborted);
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
        opts.onEnd?.(reason);
      };
      const aborted = () => end("client");
      if (opts.signal?.aborted) return end("client");
      opts.signal?.addEventListener("abort", aborted);

      send(sseRetry());
      timers.push(setInterval(() => send(sseHeartbeat()), opts.heartbeatMs ?? HEARTBEAT_MS));
      let checking = false;
      timers.push(
        setInterval(() => {
          if (checking || ended) return;
          checking = true;
          opts
            .stillAllowed()
            // A store that cannot say whether the session lives does not keep the stream open.
            .catch(() => false)
            .then((ok) => {
              if (!ok) end("session");
            })
            .finally(() => {
              checking = false;
            });
        }, opts.recheckMs ?? RECHECK_MS),
      );

      void (async () => {
        await opts.hub.ready();
        const replay = await replayFor(opts.db, opts.lastEventId);
        if (ended) return;
        send(
          sseEvent({ ...(replay.helloId !== null ? { id: replay.helloId } : {}), event: "hello", data: replay.hello }),
        );
        lastSent = replay.from;
        sendChanges(replay.changes);
        const waiting = queued ?? [];
        queued = null;
        sendChanges(waiting);
      })().catch((err: unknown) => {
        console.error("Change stream could not start:", err);
        end("error");
      });
    },
    cancel() {
      end("client");
    },
  });
}

type Replay = { hello: StreamHello; helloId: number | null; from: number; changes: FeedChange[] };

/** What a stream starting at `lastEventId` sends first. Read after the hub is ready. */
async function replayFor(db: StoreDb, lastEventId: number | null): Promise<Replay> {
  const head = await feedHead(db);
  if (lastEventId === null)
    return { hello: { head, replayed: 0, reset: false }, helloId: head, from: head, changes: [] };
  const tail = await feedTail(db);
  const pruned = tail !== null && lastEventId + 1 < tail;
  if (lastEventId > head || head - lastEventId > REPLAY_MAX || pruned) {
    return { hello: { head, replayed: 0, reset: true }, helloId: head, from: head, changes: [] };
  }
  const rows = await changesAfter(db, lastEventId, REPLAY_MAX);
  const changes = rows.flatMap((r) => feedChangeOf(r) ?? []);
  return { hello: { head, replayed: changes.length, reset: false }, helloId: null, from: lastEventId, changes };
}
