import type { Measurement } from "@/lib/criteria/core";
import { PRESETS, type Preset } from "@/lib/core/time-range";
import type { Link } from "./types";

/**
 * Where the chart behind a figure lives: the dashboard view and a time range that covers the
 * criterion's window (the smallest preset that does, else an explicit range), so one click
 * shows the data the verdict rests on.
 */

export function rangeFor(windowSeconds: number, now: number): string {
  const ms = windowSeconds * 1_000;
  const preset = (Object.keys(PRESETS) as Preset[]).find((p) => PRESETS[p] >= ms);
  if (preset) return `range=${preset}`;
  return `range=custom&from=${encodeURIComponent(new Date(now - ms).toISOString())}&to=${encodeURIComponent(new Date(now).toISOString())}`;
}

const q = encodeURIComponent;

export function chartFor(m: Measurement, now: number): Link | null {
  switch (m.kind) {
    case "startup_success_rate":
    case "startup_failures": {
      const service = m.service.kind === "service" ? `&service=${q(m.service.name)}` : "";
      return { href: `/startups?${rangeFor(m.windowSeconds, now)}${service}`, label: "Start-up success chart" };
    }
    case "failures":
      return {
        href: `/startups?${rangeFor(m.windowSeconds, now)}&cause=${q(m.signature)}`,
        label: `Failures: ${m.signature}`,
      };
    case "percentile":
      if (m.series.kind === "startup_latency") {
        const service = m.series.service.kind === "service" ? `&service=${q(m.series.service.name)}` : "";
        return { href: `/startups?${rangeFor(m.windowSeconds, now)}${service}`, label: "Start-up latency chart" };
      }
      return {
        href: `/probes?probe=${q(m.series.probe)}&${rangeFor(m.windowSeconds, now)}`,
        label: `Probe ${m.series.probe}: ${m.series.phase}`,
      };
    case "probe_uptime":
      return { href: `/probes?probe=${q(m.probe)}&${rangeFor(m.windowSeconds, now)}`, label: `Probe ${m.probe}` };
    case "probe_status":
      return { href: `/probes?probe=${q(m.probe)}`, label: `Probe ${m.probe}` };
    case "blocking_phases":
      return null;
    case "error_budget_remaining":
    case "burn_rate":
      return { href: "/slo", label: "Start-up SLO" };
    case "connector_headroom":
      return { href: `/connector?${rangeFor(m.windowSeconds, now)}`, label: "Connector headroom" };
  }
}

/**
 * A Five Whys evidence reference as a link: a metric type opens the view that charts it, a
 * probe the probe, a log query the failures it counts.
 */
export function evidenceLink(e: { kind: "metric" | "probe" | "logs"; ref: string }): Link {
  if (e.kind === "probe") return { href: `/probes?probe=${q(e.ref)}`, label: `Probe ${e.ref}` };
  if (e.kind === "logs") {
    const signature = /failures\("([^"]+)"/.exec(e.ref)?.[1];
    return { href: `/startups?range=1h${signature ? `&cause=${q(signature)}` : ""}`, label: `Logs: ${e.ref}` };
  }
  const view = e.ref.startsWith("vpcaccess.googleapis.com/")
    ? "/connector"
    : e.ref.startsWith("cloudsql.googleapis.com/")
      ? "/database"
      : e.ref.startsWith("run.googleapis.com/")
        ? "/startups"
        : null;
  return view ? { href: `${view}?range=6h`, label: `Metric ${e.ref}` } : { href: "/", label: `Metric ${e.ref}` };
}
