import { formatDateTime } from "@/lib/core/format";

type Segment = { from: number; to: number; state: "up" | "down" | "unknown" };

/** Up/down over the range as a coloured band, with the same facts as a list for screen readers. */
export function UpBand({ band, from, to }: { band: readonly Segment[]; from: number; to: number }) {
  const span = Math.max(1, to - from);
  const down = band.filter((s) => s.state !== "up");
  return (
    <div>
      <div className="band" aria-hidden="true">
        {band.map((s) => (
          <span
            key={s.from}
            className={s.state}
            style={{ width: `${(Math.max(0, s.to - s.from) / span) * 100}%` }}
            title={`${s.state} ${formatDateTime(new Date(s.from))}`}
          />
        ))}
      </div>
      <p className="muted">
        {band.length === 0
          ? "No up/down data in the range: unknown."
          : down.length === 0
            ? "Up for the whole range."
            : `Not up: ${down.map((s) => `${s.state} ${formatDateTime(new Date(s.from))} – ${formatDateTime(new Date(s.to))}`).join("; ")}.`}
      </p>
    </div>
  );
}
