"use client";

import { useQuery } from "@tanstack/react-query";
import { Widget } from "@/components/query/widget";
import { useRefreshInterval } from "@/components/shell/live-refresh";
import { FigureCard } from "@/components/ui/figure-card";
import { useChartChanges } from "@/components/changes/chart-changes";
import { sloQuery } from "@/lib/query/slo-queries";
import { sloChangesSearch } from "@/lib/slo/changes-range";
import type { SloResponse } from "@/lib/slo/schemas";
import { AlertHistory } from "./alert-history";
import { SloCard } from "./slo-card";

/** The SLO page's body: one card per SLO, the alert rules, the alert history. */
export function SloBoard() {
  const query = useQuery({ ...sloQuery(), refetchInterval: useRefreshInterval() });
  return (
    <Widget query={query} title="SLOs" skeletonHeight={480}>
      {(data, refreshFailed) => <Board data={data} refreshFailed={refreshFailed} />}
    </Widget>
  );
}

function Board({ data, refreshFailed }: { data: SloResponse; refreshFailed: boolean }) {
  const mark = <T extends { stale: boolean }>(f: T): T => (refreshFailed ? { ...f, stale: true } : f);
  // One changes read for every burndown (their window is days long: a range of its own).
  const newest = Math.max(0, ...data.slos.flatMap((s) => s.burndown.map((p) => p.t)));
  const changes = useChartChanges(sloChangesSearch(newest || Date.parse(data.measuredAt ?? "") || 0));
  const services = data.slos.filter((s) => s.service !== "all").map((s) => s.service);
  return (
    <>
      {data.alertStore === "unavailable" ? (
        <p role="alert" className="notice">
          The alert store cannot be reached: the figures are current, but whether an alert is firing is unknown.
        </p>
      ) : null}
      <div className="grid grid-wide">
        {data.slos.map((s) => (
          <SloCard
            key={s.id}
            slo={s}
            mark={mark}
            changes={changes}
            services={s.service === "all" ? services : [s.service]}
          />
        ))}
      </div>
      <div style={{ height: "1rem" }} />
      <div className="grid grid-wide">
        <FigureCard title="Alert rules" id="slo-rules" freshness={mark(data)}>
          <ul>
            {data.rules.map((r) => (
              <li key={r.id}>
                <strong>{r.id}</strong> ({r.severity}): burn over {r.threshold}× in both the last {r.long} and the last{" "}
                {r.short}
              </li>
            ))}
          </ul>
          <p className="muted">
            Burn rate = bad share of start-ups (or probe attempts) ÷ (1 − objective). A window with none is unknown and
            never resolves an alert.
          </p>
        </FigureCard>
        <FigureCard title="Alert history" id="slo-history" freshness={mark(data)}>
          <AlertHistory history={data.history} />
        </FigureCard>
      </div>
    </>
  );
}
