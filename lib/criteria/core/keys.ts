import type { Measurement, SeriesRef, ServiceScope } from "./types";

/**
 * Stable Snapshot keys: `fn|arg|…|windowSeconds`, e.g. `startup_success_rate|all|86400`.
 * Windows are normalised to seconds so `60m` and `1h` share one fetch.
 * `|` and `%` inside names are percent-encoded so a name can never forge another key.
 */
function part(text: string): string {
  return text.replace(/[%|]/g, (c) => encodeURIComponent(c));
}

function scopePart(s: ServiceScope): string {
  return s.kind === "all" ? "all" : part(s.name);
}

function seriesParts(s: SeriesRef): string[] {
  return s.kind === "probe_phase"
    ? ["probe_phase", part(s.probe), part(s.phase)]
    : ["startup_latency", scopePart(s.service)];
}

export function measurementKey(m: Measurement): string {
  switch (m.kind) {
    case "startup_success_rate":
    case "startup_failures":
    case "error_budget_remaining":
    case "burn_rate":
      return [m.kind, scopePart(m.service), m.windowSeconds].join("|");
    case "probe_uptime":
      return [m.kind, part(m.probe), m.windowSeconds].join("|");
    case "probe_status":
      return [m.kind, part(m.probe)].join("|");
    case "failures":
      return [m.kind, part(m.signature), m.windowSeconds].join("|");
    case "percentile":
      return [`p${m.percentile}`, ...seriesParts(m.series), m.windowSeconds].join("|");
    case "blocking_phases":
      return m.kind;
    case "connector_headroom":
      return [m.kind, m.windowSeconds].join("|");
  }
}
