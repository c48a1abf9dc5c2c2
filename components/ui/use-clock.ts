"use client";

import { useEffect, useState } from "react";

/**
 * The browser's own clock, ticking every 10 s and once more exactly at `wakeAt` (an ISO time,
 * e.g. a figure's `staleAfter`), so a figure greys at the moment the server's rule says, even
 * while refresh is paused or failing. Null until hydrated: the server's figures stand until then.
 */
export function useClock(wakeAt?: string | null): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const id = setInterval(tick, 10_000);
    return () => clearInterval(id);
  }, []);
  useEffect(() => {
    if (!wakeAt) return;
    const wait = Date.parse(wakeAt) - Date.now();
    // Past moments are handled by the render itself; timers beyond ~24 days overflow.
    if (!(wait > 0) || wait > 2 ** 31 - 1) return;
    const id = setTimeout(() => setNow(Date.now()), wait + 50);
    return () => clearTimeout(id);
  }, [wakeAt]);
  return now;
}

/** Whether `staleAfter` has passed by this clock (null clock: not yet known in the browser). */
export function isPast(staleAfter: string | null | undefined, now: number | null): boolean {
  return Boolean(staleAfter) && now !== null && now >= Date.parse(staleAfter ?? "");
}
