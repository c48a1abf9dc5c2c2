"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server's HTML and until React has hydrated the page, true after. A control that
 * writes the URL is disabled until then: a choice made before hydration is replayed by React
 * against the server-rendered (controlled) value, so the filter the user picked would be lost.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
