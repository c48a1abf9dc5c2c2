import "server-only";
import { dehydrate, HydrationBoundary, type QueryKey } from "@tanstack/react-query";
import { makeQueryClient } from "@/lib/query/client";

/**
 * Fetches one widget's data on the server, straight from lib (no HTTP round trip), and
 * hands it to the client's useQuery under the same key, so the first paint has data and
 * the browser's refresh continues from it. A failed load is left to the client, whose
 * widget then shows its own error card.
 */
export async function PrefetchBoundary({
  queryKey,
  load,
  children,
}: {
  queryKey: QueryKey;
  load: () => Promise<unknown>;
  children: React.ReactNode;
}) {
  const qc = makeQueryClient();
  await qc.prefetchQuery({ queryKey, queryFn: load });
  return <HydrationBoundary state={dehydrate(qc)}>{children}</HydrationBoundary>;
}
