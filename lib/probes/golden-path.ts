import "server-only";
import { probeSummaries } from "./queries";
import type { ProbeSummary } from "./types";

export type GoldenPath = { checkedAt: string; probes: ProbeSummary[] };

/** The golden-path probes for the Overview strip; each carries its own last-check time. */
export async function goldenPath(now: number): Promise<GoldenPath> {
  const all = await probeSummaries(now);
  return { checkedAt: new Date(now).toISOString(), probes: all.filter((p) => p.goldenPath) };
}
