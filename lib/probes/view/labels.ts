import type { ProbeStatus } from "@/lib/health/probes/types";

/** Plain words for each status, shown next to the badge so nobody has to guess. */
export const STATUS_MEANING: Record<ProbeStatus, string> = {
  up: "answering and every condition passes",
  degraded: "answering, but slow or expiring (a latency, certificate or domain-expiry condition fails)",
  down: "there, but failing",
  missing: "nothing there: connection refused on loopback or the name does not resolve",
  unknown: "no recent result",
  flapping: "keeps changing between states",
};

export const PHASE_LABEL: Record<string, string> = {
  dns: "DNS",
  connect: "Connect",
  tls: "TLS",
  "first-byte": "First byte",
  body: "Body",
  auth: "Auth",
  "first-query": "First query",
  upgrade: "Upgrade",
  "first-message": "First message",
  total: "Total",
};

/** Known phases by name; a rehearsal's `step-<n>` phases as "Step n". */
export const phaseLabel = (phase: string): string => PHASE_LABEL[phase] ?? phase.replace(/^step-(\d+)$/, "Step $1");
