/** "maintenance": planned work, a colour of its own (never the green of "ok"). */
export type Tone = "ok" | "warn" | "bad" | "unknown" | "maintenance";

const TONE_OF: Record<string, Tone> = {
  healthy: "ok",
  up: "ok",
  pass: "ok",
  GO: "ok",
  done: "ok",
  degraded: "warn",
  flapping: "warn",
  CAUTION: "warn",
  held: "warn",
  active: "warn",
  down: "bad",
  fail: "bad",
  missing: "bad",
  "NO-GO": "bad",
  blocked: "bad",
  maintenance: "maintenance",
};

export function toneOf(status: string): Tone {
  return TONE_OF[status] ?? "unknown";
}

/** A status always carries its word, never colour alone. */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return <span className={`badge status-${toneOf(status)}`}>{label ?? status}</span>;
}
