import { formatSeconds } from "@/lib/core/format";
import type { Bottleneck, CostDirection, Lever, MachineType, Verdict } from "@/lib/what-if/core/types";

/** Words for the what-if's codes, shared by its panels. */

export const BOTTLENECK: Record<Bottleneck, { title: string; why: string }> = {
  "scale-out-delay": {
    title: "Scale-out delay against the timeout",
    why: "The connector asked for more instances, but they start carrying traffic only after the scale-out delay, later than the app's DB timeout.",
  },
  "connector-throughput": {
    title: "Connector throughput",
    why: "Every starting instance shares the connector's capacity; opening the pools takes longer than the timeout allows.",
  },
  "max-connections": {
    title: "Cloud SQL max_connections",
    why: "Instances waited for a free database connection (exited instances' connections linger until Cloud SQL notices).",
  },
};

export const LEVER: Record<Lever, string> = {
  dbTimeoutSeconds: "App DB timeout",
  poolSize: "Pool size per instance",
  minInstances: "Connector min instances",
  maxInstances: "Connector max instances",
  machineType: "Connector machine type",
};

export const COST: Record<CostDirection, { word: string; tone: "ok" | "warn" | "unknown" }> = {
  lower: { word: "cost ↓ lower", tone: "ok" },
  none: { word: "cost = no change", tone: "unknown" },
  higher: { word: "cost ↑ higher", tone: "warn" },
};

export const VERDICT: Record<Verdict, { word: string; tone: "ok" | "warn" | "bad" }> = {
  "meets-with-margin": { word: "Meets 95% with margin", tone: "ok" },
  "meets-median-only": { word: "Meets 95% in a typical run, not with margin", tone: "warn" },
  misses: { word: "Misses 95%", tone: "bad" },
};

export function leverValue(lever: Lever, v: number | MachineType): string {
  if (lever === "dbTimeoutSeconds" && typeof v === "number") return formatSeconds(v);
  return String(v);
}
