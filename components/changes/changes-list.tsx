"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { Widget } from "@/components/query/widget";
import { useRefreshInterval } from "@/components/shell/live-refresh";
import { FigureCard } from "@/components/ui/figure-card";
import { rangeFreshness } from "@/components/ui/range-freshness";
import { formatDateTime, formatMs } from "@/lib/core/format";
import { CHANGE_KINDS } from "@/lib/changes/core/types";
import { changeFiltersOf, filterChanges, type ChangesResponse } from "@/lib/metrics/changes-schema";
import { changesQuery } from "@/lib/query/dashboard-queries";
import { FilterSelect, plainOptions } from "@/components/ui/filter-select";
import { useReplaceSearch } from "@/components/ui/use-replace-search";

/** The range's changes, newest first, filtered by resource and kind (both kept in the URL). */
export function ChangesList({ search }: { search: string }) {
  const query = useQuery({ ...changesQuery(search), refetchInterval: useRefreshInterval() });
  return (
    <Widget query={query} title="Changes" skeletonHeight={320}>
      {(data, refreshFailed) => <List data={data} refreshFailed={refreshFailed} />}
    </Widget>
  );
}

const OUTCOME: Record<ChangesResponse["changes"][number]["outcome"], string> = {
  succeeded: "done",
  failed: "failed",
  running: "in progress",
};

function List({ data, refreshFailed }: { data: ChangesResponse; refreshFailed: boolean }) {
  const params = useSearchParams();
  const replaceSearch = useReplaceSearch();
  const filters = changeFiltersOf((k) => params.get(k));
  const shown = filterChanges(data.changes, filters);
  const { maxAge, mark } = rangeFreshness(data.range, refreshFailed);

  function setFilter(key: "resource" | "kind", value: string) {
    replaceSearch({ [key]: value }, { scroll: false });
  }

  return (
    <FigureCard title="Changes in the range" id="changes" freshness={mark(data)} maxAgeSeconds={maxAge}>
      <div className="segmented" style={{ marginBottom: "0.5rem" }}>
        <FilterSelect
          label="Resource"
          value={filters.resource}
          options={data.resources.map((r) => ({
            key: `${r.type}/${r.name}`,
            value: r.name,
            label: `${r.name} (${r.type})`,
          }))}
          onChange={(v) => setFilter("resource", v)}
        />
        <FilterSelect
          label="Kind"
          value={filters.kind}
          options={plainOptions(CHANGE_KINDS)}
          onChange={(v) => setFilter("kind", v)}
        />
        <a href={data.explorerUrl} target="_blank" rel="noreferrer">
          Open the range in the Logs Explorer
        </a>
      </div>
      {data.truncated ? (
        <p className="notice">
          The audit log had more entries than one read pages through: older changes may be missing.
        </p>
      ) : null}
      {shown.length === 0 ? (
        <p data-testid="changes-empty">
          No {filters.kind ?? ""} changes{filters.resource ? ` to ${filters.resource}` : ""} in the range (audit log
          read
          {data.stale ? ", from a stale copy" : ""}).
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Started (UTC)</th>
              <th scope="col">Change</th>
              <th scope="col">Resource</th>
              <th scope="col">Outcome</th>
              <th scope="col">Took</th>
              {data.actorsShown ? <th scope="col">By</th> : null}
              <th scope="col">Log</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.id} data-testid="change-row">
                <td>{formatDateTime(c.startedAt)}</td>
                <td>
                  {c.summary}
                  {c.details.trafficMovedAt && c.kind === "deploy" ? (
                    <div className="muted">
                      traffic moved {formatDateTime(c.details.trafficMovedAt)} (first instance)
                    </div>
                  ) : null}
                  {c.error ? <div className="error-text">{c.error}</div> : null}
                </td>
                <td>
                  {c.resource.name} <span className="muted">({c.kind})</span>
                </td>
                <td className={c.outcome === "failed" ? "error-text" : undefined}>{OUTCOME[c.outcome]}</td>
                <td>{c.durationMs === null ? "—" : formatMs(c.durationMs)}</td>
                {data.actorsShown ? <td>{c.actor ?? "—"}</td> : null}
                <td>
                  <a href={c.explorerUrl} target="_blank" rel="noreferrer">
                    entries
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </FigureCard>
  );
}
