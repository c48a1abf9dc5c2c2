"use client";

import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { REFRESH_MS } from "@/lib/query/dashboard-queries";
import { useChangeStream } from "./live-stream";
import { createLiveStore, type LiveState, type LiveStore } from "./live-store";

/** The context holds only things that never change after the first render (see live-store.ts for why). */
type Live = { store: LiveStore; setPaused: (p: boolean) => void };

const LiveContext = createContext<Live>({
  store: createLiveStore({ paused: false, stream: "down" }),
  setPaused: () => {},
});

export function LiveRefreshProvider({ children }: { children: React.ReactNode }) {
  const [paused, setPaused] = useState(false);
  const stream = useChangeStream(paused);
  const [store] = useState(() => createLiveStore());
  useEffect(() => store.set({ paused, stream }), [store, paused, stream]);
  // setPaused from useState is stable: the value is made once.
  const value = useMemo(() => ({ store, setPaused }), [store]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** The refresh and stream state; hydrates with what the server rendered, then follows the store. */
function useLive(): LiveState & { setPaused: (p: boolean) => void } {
  const { store, setPaused } = useContext(LiveContext);
  const state = useSyncExternalStore(store.subscribe, store.get, () => store.initial);
  return { ...state, setPaused };
}

/**
 * The Overview's verdict and golden path refresh faster: a golden-path failure must reach an
 * open page within 40 s of happening — a 15-s probe confirmed on its second failure is down
 * after at most 30 s, which leaves 10 s for the page only when it refreshes every 5 s — and
 * those answers are memoised per second on the server, so more polling costs no upstream call.
 * While the change stream is live it brings those changes instead, and they poll like the rest.
 */
export const OVERVIEW_REFRESH_MS = 5_000;

/** The refetchInterval every widget uses: every 30 s (or `ms`), or never while paused. */
export function useRefreshInterval(ms: number = REFRESH_MS): number | false {
  const { paused, stream } = useLive();
  if (paused) return false;
  return stream === "live" ? Math.max(ms, REFRESH_MS) : ms;
}

export function LiveRefreshToggle() {
  const { paused, setPaused } = useLive();
  return (
    <button type="button" className="btn" aria-pressed={paused} onClick={() => setPaused(!paused)}>
      {paused ? "Refresh paused — resume" : "Live: refreshing every 10–30 s — pause"}
    </button>
  );
}

/** Says whether changes are pushed or polled (announced politely when it changes). */
export function LiveStreamStatus() {
  const { stream, paused } = useLive();
  const text =
    stream === "live"
      ? "Live updates on"
      : stream === "down"
        ? `Live updates paused — ${paused ? "refresh is paused too" : "polling every 5–30 s"}`
        : "Connecting live updates…";
  return (
    <span role="status" aria-live="polite" className="muted" data-testid="live-stream-status" data-state={stream}>
      {text}
    </span>
  );
}
