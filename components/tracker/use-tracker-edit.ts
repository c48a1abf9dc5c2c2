"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FetchError } from "@/lib/query/fetch-json";
import { HISTORY_KEY, TRACKER_KEY } from "@/lib/query/tracker-queries";

/**
 * One tracker write: after it settles — success or not — the tracker and its history are
 * fetched again, so a 409 (someone else changed it first) shows the current state at once.
 */
export function useTrackerEdit<V>(write: (vars: V) => Promise<unknown>) {
  const qc = useQueryClient();
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
    error: message,
    reset: mutation.reset,
  };
}
