"use client";

import { useQuery } from "@tanstack/react-query";
import { Widget } from "@/components/query/widget";
import { useRefreshInterval } from "@/components/shell/live-refresh";
import { ConflictsNotice } from "@/components/tracker/conflicts-notice";
import { FiveWhys } from "@/components/tracker/five-whys";
import { IncidentChanges } from "@/components/tracker/incident-changes";
import { PhaseCard } from "@/components/tracker/phase-card";
import { RootCauses } from "@/components/tracker/root-causes";
import { TrackerHeader } from "@/components/tracker/tracker-header";
import { trackerQuery } from "@/lib/query/tracker-queries";

/** The incident, its Five Whys and root causes, and the phases as a timeline; refreshed every 30 s. */
export function TrackerClient({ canEdit }: { canEdit: boolean }) {
  const query = useQuery({ ...trackerQuery(), refetchInterval: useRefreshInterval() });
  return (
    <Widget query={query} title="Resolution tracker" skeletonHeight={480}>
      {(view) => (
        <div className="tracker">
          <ConflictsNotice conflicts={view.conflicts} canEdit={canEdit} />
          <TrackerHeader view={view} canEdit={canEdit} />
          <div className="grid">
            <FiveWhys whys={view.fiveWhys} />
            <RootCauses causes={view.rootCauses} />
            <IncidentChanges view={view} />
          </div>
          <section aria-labelledby="phases-title">
            <h2 id="phases-title">Resolution path</h2>
            <ol className="timeline" aria-label="Phases">
              {view.phases.map((p) => (
                <li key={p.id}>
                  <PhaseCard
                    phase={p}
                    current={p.id === view.progress.currentPhaseId}
                    canEdit={canEdit}
                    changeLinks={view.changeLinks}
                  />
                </li>
              ))}
            </ol>
          </section>
        </div>
      )}
    </Widget>
  );
}
