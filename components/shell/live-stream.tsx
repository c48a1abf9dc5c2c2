"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useSyncExternalStore } from "react";
import type { LiveStore } from "./live-store";
import { keysForChange, parseChange, parseHello, STREAM_URL, STREAMED_KEYS } from "@/lib/query/stream-queries";

/**
 * One EventSource per tab on `/api/stream` (decision 0027). A change refetches the answers it
 * makes stale; while the stream is down the widgets poll as before (live-refresh.tsx), and the
 * topbar says so. The browser reconnects by itself (with Last-Event-ID, so missed changes are
 * replayed); a stream it gave up on (a refused answer) is opened again after a while.
 */

const REOPEN_MS = 15_000;

/** Keeps the store's `stream` state; refetches what a change makes stale unless refresh is paused. */
export function useChangeStream(store: LiveStore): void {
  const client = useQueryClient();
  const paused = useSyncExternalStore(
    store.subscribe,
    () => store.get().paused,
    () => false,
  );
  const setState = store.setStream;
  const pausedRef = useRef(paused);
  const missed = useRef(false);

  useEffect(() => {
    pausedRef.current = paused;
    // Changes that arrived while refresh was paused are fetched on resume.
    if (!paused && missed.current) {
      missed.current = false;
      for (const queryKey of STREAMED_KEYS) void client.invalidateQueries({ queryKey });
    }
  }, [paused, client]);

  useEffect(() => {
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | null = null;
    let wasDown = false;
    const refetch = (keys: readonly (readonly unknown[])[]) => {
      if (pausedRef.current) {
        missed.current = true;
        return;
      }
      for (const queryKey of keys) void client.invalidateQueries({ queryKey });
    };
    const open = () => {
      source = new EventSource(STREAM_URL);
      source.addEventListener("hello", (e) => {
        const hello = parseHello((e as MessageEvent<string>).data);
        setState("live");
        // Back after a drop (what polling fetched may already be older), or told to start over.
        if (wasDown || hello?.reset) refetch(STREAMED_KEYS);
        wasDown = false;
      });
      source.addEventListener("change", (e) => {
        const change = parseChange((e as MessageEvent<string>).data);
        if (change) refetch(keysForChange(change));
      });
      source.onerror = () => {
        wasDown = true;
        setState("down");
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          reopen = setTimeout(open, REOPEN_MS);
        }
      };
    };
    open();
    return () => {
      if (reopen) clearTimeout(reopen);
      source?.close();
    };
  }, [client, setState]);
}
