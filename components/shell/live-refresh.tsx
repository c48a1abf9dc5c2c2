"use client";

import { createContext, useContext, useState } from "react";
import { REFRESH_MS } from "@/lib/query/dashboard-queries";

const LiveContext = createContext<{ paused: boolean; setPaused: (p: boolean) => void }>({ paused: false, setPaused: () => {} });

export function LiveRefreshProvider({ children }: { children: React.ReactNode }) {
  const [paused, setPaused] = useState(false);
  return <LiveContext.Provider value={{ paused, setPaused }}>{children}</LiveContext.Provider>;
}

/** The refetchInterval every widget uses: every 30 s, or never while paused. */
export function useRefreshInterval(): number | false {
  return useContext(LiveContext).paused ? false : REFRESH_MS;
}

export function LiveRefreshToggle() {
  const { paused, setPaused } = useContext(LiveContext);
  return (
    <button type="button" className="btn" aria-pressed={paused} onClick={() => setPaused(!paused)}>
      {paused ? "Refresh paused — resume" : "Live: refreshing every 30 s — pause"}
    </button>
  );
}
