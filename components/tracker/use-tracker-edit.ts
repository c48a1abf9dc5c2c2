"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useHydrated } from "@/components/ui/use-hydrated";
import { FetchError } from "@/lib/query/fetch-json";
import { HISTORY_KEY, TRACKER_KEY } from "@/lib/query/tracker-queries";

/**
 * One tracker write: after it settles — success or not — the tracker and its history are
 * fetched again, so a 409 (someone else changed it first) shows the current state at once.
 * `disabled` is for the control that starts it: while the write is on its way, and until React
 * has hydrated the page — a status chosen before then is replayed against the server-rendered
 * value, so the write would send the old status instead of the chosen one.
 */
export function useTrackerEdit<V>(write: (vars: V) => Promise<unknown>) {
  const qc = useQueryClient();
  const hydrated = useHydrated();
  const mutation = useMutation({
    mutationFn: write,
    onSettled: () =>
      Promise.all([qc.invalidateQueries({ queryKey: TRACKER_KEY }), qc.invalidateQueries({ queryKey: HISTORY_KEY })]),
  });
  const error = mutation.error;
  const message =
    error instanceof FetchError && error.status === 409
      ? `${error.message} The current version is shown now.`
      : error instanceof Error
        ? error.message
        : null;
  return {
    run: mutation.mutate,
    runAsync: mutation.mutateAsync,
    pending: mutation.isPending,
    disabled: mutation.isPending || !hydrated,
    error: message,
    reset: mutation.reset,
  };
}
