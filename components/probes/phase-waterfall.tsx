import { DataTable } from "@/components/ui/data-table";
import { formatMs } from "@/lib/core/format";
import { phaseLabel } from "@/lib/probes/view/labels";
import type { ProbeResult } from "@/lib/probes/core/types";

/**
 * The last attempt's phases on one time axis, like a browser's network waterfall; the failed
 * phase is marked. The bars are decoration: the same figures follow as a table.
 */
export function PhaseWaterfall({ result }: { result: ProbeResult }) {
  const phases = result.phases.filter((p) => p.phase !== "total");
  const total = Math.max(result.durationMs, ...phases.map((p) => p.startMs + p.durationMs), 1);
  return (
    <figure className="waterfall" data-testid="phase-waterfall">
      <div aria-hidden="true">
        {phases.map((p) => {
          const failed = p.phase === result.failedPhase;
          return (
            <div key={p.phase} className="waterfall-row">
              <span className="waterfall-label">{phaseLabel(p.phase)}</span>
              <span className="waterfall-track">
                <span
                  className={`waterfall-bar${failed ? " failed" : ""}`}
                  style={{
                    marginLeft: `${(p.startMs / total) * 100}%`,
                    width: `max(2px, ${(p.durationMs / total) * 100}%)`,
                  }}
                />
              </span>
              <span className="waterfall-ms">{formatMs(p.durationMs)}</span>
            </div>
          );
        })}
      </div>
      <figcaption className="muted">
        Total {formatMs(result.durationMs)}
        {result.failedPhase ? `; failed during ${phaseLabel(result.failedPhase)}` : "; every phase completed"}.
      </figcaption>
      <DataTable caption="Phase timings of the last check" columns={["Phase", "Starts at", "Duration", "Outcome"]}>
        {phases.map((p) => (
          <tr key={p.phase}>
            <th scope="row">{phaseLabel(p.phase)}</th>
            <td>{formatMs(p.startMs)}</td>
            <td>{formatMs(p.durationMs)}</td>
            <td>
              {p.phase === result.failedPhase ? <strong className="error-text">failed here</strong> : "completed"}
            </td>
          </tr>
        ))}
      </DataTable>
    </figure>
  );
}
