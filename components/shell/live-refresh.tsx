"use client";

import { createContext, useContext, useState, useSyncExternalStore } from "react";
import { REFRESH_MS } from "@/lib/query/dashboard-queries";
import { useChangeStream } from "./live-stream";
import { createLiveStore, INITIAL_LIVE_STATE, type LiveState, type LiveStore } from "./live-store";

// The context carries the store, which never changes; its state is read by subscription (live-store.ts says why).
const LiveContext = createContext<LiveStore>(createLiveStore({ paused: false, stream: "down" }));

export function LiveRefreshProvider({ children }: { children: React.ReactNode }) {
  const [store] = useState(createLiveStore);
  useChangeStream(store);
  return <LiveContext.Provider value={store}>{children}</LiveContext.Provider>;
}

const serverState = () => INITIAL_LIVE_STATE;

function useLive(): LiveState & { setPaused: (p: boolean) => void } {
  const store = useContext(LiveContext);
  const state = useSyncExternalStore(store.subscribe, store.get, serverState);
  return { ...state, setPaused: store.setPaused };
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
