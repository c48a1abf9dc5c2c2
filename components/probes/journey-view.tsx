import { DataTable } from "@/components/ui/data-table";
import { FigureCard } from "@/components/ui/figure-card";
import { formatClock, formatMs } from "@/lib/core/format";
import { screenshotUrl } from "@/lib/rehearsal/http";
import type { RehearsalDetail, RehearsalRun } from "@/lib/rehearsal/core/types";

/**
 * A demo rehearsal's evidence: the last run step by step on one time axis (the failing step
 * marked, with its error), its screenshots, and how long recent runs took.
 */

type Freshness = { measuredAt: string | null; stale: boolean; ageSeconds: number | null };

const STATUS_WORDS: Record<RehearsalRun["status"], string> = {
  passed: "passed",
  failed: "failed",
  unknown: "could not run",
};

function StepWaterfall({ run }: { run: RehearsalRun }) {
  const total = Math.max(run.durationMs, ...run.steps.map((s) => (s.startMs ?? 0) + (s.durationMs ?? 0)), 1);
  return (
    <figure className="waterfall" data-testid="journey-waterfall">
      <div aria-hidden="true">
        {run.steps.map((s) => (
          <div key={s.index} className="waterfall-row journey-row">
            <span className="waterfall-label">
              {s.index}. {s.label}
            </span>
            <span className="waterfall-track">
              {s.startMs !== null && s.durationMs !== null ? (
                <span
                  className={`waterfall-bar${s.status === "failed" ? " failed" : ""}`}
                  style={{
                    marginLeft: `${(s.startMs / total) * 100}%`,
                    width: `max(2px, ${(s.durationMs / total) * 100}%)`,
                  }}
                />
              ) : null}
            </span>
            <span className="waterfall-ms">{s.durationMs === null ? "—" : formatMs(s.durationMs)}</span>
          </div>
        ))}
      </div>
      <figcaption className="muted" suppressHydrationWarning>
        Run at {formatClock(run.startedAt, { seconds: true })}: {STATUS_WORDS[run.status]} in {formatMs(run.durationMs)}
        {run.failedStep !== null
          ? `, at step ${run.failedStep} of ${run.steps.length}`
          : run.status === "passed"
            ? `, ${run.steps.length} of ${run.steps.length} steps`
            : ""}
        .
      </figcaption>
      {run.error ? (
        <p className="error-text" data-testid="journey-error">
          {run.error}
        </p>
      ) : null}
      <DataTable caption="Step timings of the last rehearsal" columns={["Step", "Starts at", "Duration", "Outcome"]}>
        {run.steps.map((s) => (
          <tr key={s.index} data-testid={`journey-step-${s.index}`}>
            <th scope="row">
              {s.index}. {s.label}
            </th>
            <td>{s.startMs === null ? "—" : formatMs(s.startMs)}</td>
            <td>{s.durationMs === null ? "—" : formatMs(s.durationMs)}</td>
            <td>
              {s.status === "failed" ? (
                <strong className="error-text">failed: {s.error}</strong>
              ) : s.status === "passed" ? (
                "passed"
              ) : (
                "not run"
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </figure>
  );
}

export function JourneyCards({ rehearsal, freshness }: { rehearsal: RehearsalDetail; freshness: Freshness }) {
  const run = rehearsal.latest;
  return (
    <>
      <FigureCard
        title="Last rehearsal, step by step"
        id="journey-steps"
        freshness={{ ...freshness, measuredAt: run?.startedAt ?? null }}
      >
        {run ? (
          <StepWaterfall run={run} />
        ) : (
          <p className="muted">
            No rehearsal has run yet ({rehearsal.journey.length} steps, deadline {formatMs(rehearsal.deadlineMs)}).
          </p>
        )}
      </FigureCard>
      <FigureCard
        title="Screenshots of the last rehearsal"
        id="journey-screenshots"
        freshness={{ ...freshness, measuredAt: run?.startedAt ?? null }}
      >
        {run && run.screenshots.length ? (
          <div className="journey-shots">
            {run.screenshots.map((kind) => (
              <figure key={kind}>
                {/* A plain img: the screenshot route needs the viewer's session cookie, which the image optimiser would not send. */}
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img
                  src={screenshotUrl(run.id, kind)}
                  alt={`Screenshot "${kind}" of the rehearsal at ${run.startedAt}`}
                  width={640}
                  height={400}
                  loading="lazy"
                />
                <figcaption className="muted">
                  {kind === "end"
                    ? "End state"
                    : kind === "failure"
                      ? `At the failure (step ${run.failedStep ?? "?"})`
                      : kind}
                </figcaption>
              </figure>
            ))}
          </div>
        ) : (
          <p className="muted">{run ? "This run stored no screenshot." : "No rehearsal has run yet."}</p>
        )}
      </FigureCard>
      <FigureCard
        title="Rehearsal durations"
        id="journey-history"
        freshness={{ ...freshness, measuredAt: run?.startedAt ?? null }}
      >
        {rehearsal.history.length ? (
          <DataTable testId="journey-history" columns={["Started", "Outcome", "Duration"]}>
            {rehearsal.history.slice(0, 12).map((h) => (
              <tr key={h.id}>
                <td suppressHydrationWarning>
                  {formatClock(h.startedAt, { seconds: true })}{" "}
                  <span className="muted">{h.startedAt.slice(0, 10)}</span>
                </td>
                <td>
                  {STATUS_WORDS[h.status]}
                  {h.failedStep !== null ? ` at step ${h.failedStep}` : ""}
                </td>
                <td>{formatMs(h.durationMs)}</td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <p className="muted">No runs recorded.</p>
        )}
      </FigureCard>
    </>
  );
}
