"use client";

import { createContext, useContext, useState } from "react";
import { REFRESH_MS } from "@/lib/query/dashboard-queries";

const LiveContext = createContext<{ paused: boolean; setPaused: (p: boolean) => void }>({
  paused: false,
  setPaused: () => {},
});

export function LiveRefreshProvider({ children }: { children: React.ReactNode }) {
  const [paused, setPaused] = useState(false);
  return <LiveContext.Provider value={{ paused, setPaused }}>{children}</LiveContext.Provider>;
}

/**
 * The Overview's verdict and golden path refresh faster: a golden-path failure must reach an
 * open page within 40 s of happening — a 15-s probe confirmed on its second failure is down
 * after at most 30 s, which leaves 10 s for the page only when it refreshes every 5 s — and
 * those answers are memoised per second on the server, so more polling costs no upstream call.
 */
export const OVERVIEW_REFRESH_MS = 5_000;

/** The refetchInterval every widget uses: every 30 s (or `ms`), or never while paused. */
export function useRefreshInterval(ms: number = REFRESH_MS): number | false {
  return useContext(LiveContext).paused ? false : ms;
}

export function LiveRefreshToggle() {
  const { paused, setPaused } = useContext(LiveContext);
  return (
    <button type="button" className="btn" aria-pressed={paused} onClick={() => setPaused(!paused)}>
      {paused ? "Refresh paused — resume" : "Live: refreshing every 10–30 s — pause"}
    </button>
  );
}
