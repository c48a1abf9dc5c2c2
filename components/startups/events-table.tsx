"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { Fragment, useState } from "react";
import { Widget } from "@/components/query/widget";
import { useRefreshInterval } from "@/components/shell/live-refresh";
import { DataTable } from "@/components/ui/data-table";
import { FigureCard } from "@/components/ui/figure-card";
import { rangeFreshness } from "@/components/ui/range-freshness";
import { CAUSES } from "@/lib/core/failure-causes";
import { CAUSE_LABELS } from "@/lib/metrics/cause-labels";
import { formatCount, formatDateTime } from "@/lib/core/format";
import type { EventsResponse } from "@/lib/metrics/schemas";
import { eventsQuery } from "@/lib/query/dashboard-queries";
import { eventFilters, eventsSearch } from "@/lib/query/events-search";
import { FilterSelect, plainOptions } from "@/components/ui/filter-select";
import { useReplaceSearch } from "@/components/ui/use-replace-search";

/** Failure events: filter by cause, service and revision (kept in the URL); a row opens its whole log line. */
export function EventsTable({ services }: { services: string[] }) {
  const params = useSearchParams();
  const query = useQuery({ ...eventsQuery(eventsSearch(params)), refetchInterval: useRefreshInterval() });
  return (
    <Widget query={query} title="Failure events" skeletonHeight={300}>
      {(data, refreshFailed) => <Events data={data} services={services} refreshFailed={refreshFailed} />}
    </Widget>
  );
}

function Events({
  data,
  services,
  refreshFailed,
}: {
  data: EventsResponse;
  services: string[];
  refreshFailed: boolean;
}) {
  const params = useSearchParams();
  const replaceSearch = useReplaceSearch();
  const filters = eventFilters(params);
  const [open, setOpen] = useState<string | null>(null);
  const { maxAge, mark } = rangeFreshness(data.range, refreshFailed);

  function setFilter(key: "service" | "revision" | "cause" | "page", value: string) {
    replaceSearch(
      {
        [key]: value,
        // A new filter starts at the first page.
        ...(key !== "page" ? { page: null } : {}),
        // Another service's revisions are not among the choices any more.
        ...(key === "service" ? { revision: null } : {}),
      },
      { hash: "#events", scroll: false },
    );
  }

  return (
    <FigureCard title="Failure events" id="events" freshness={mark(data)} maxAgeSeconds={maxAge}>
      <div className="segmented" style={{ marginBottom: "0.5rem" }}>
        <FilterSelect
          label="Cause"
          value={filters.cause}
          allLabel={`all (${formatCount(CAUSES.reduce((n, c) => n + data.counts[c], 0))})`}
          options={CAUSES.map((c) => ({ value: c, label: `${CAUSE_LABELS[c]} (${formatCount(data.counts[c])})` }))}
          onChange={(v) => setFilter("cause", v)}
        />
        <FilterSelect
          label="Service"
          value={filters.service}
          options={plainOptions(services)}
          onChange={(v) => setFilter("service", v)}
        />
        <FilterSelect
          label="Revision"
          value={filters.revision}
          options={plainOptions([...new Set([...(filters.revision ? [filters.revision] : []), ...data.revisions])])}
          onChange={(v) => setFilter("revision", v)}
        />
        <a href={data.explorerUrl} target="_blank" rel="noreferrer">
          Open the range in Logs Explorer
        </a>
      </div>
      <p className="muted">
        {formatCount(data.total)} events
        {data.truncated ? " (the read was capped at 5,000 entries: only the newest are here)" : ""}, newest first.
      </p>
      <DataTable columns={["Time (UTC)", "Service", "Revision", "Cause", "Message"]}>
        {data.events.length === 0 ? (
          <tr>
            <td colSpan={5}>No failure events match in this range.</td>
          </tr>
        ) : null}
        {data.events.map((e) => (
          <Fragment key={e.id}>
            <tr>
              <td>{formatDateTime(e.time)}</td>
              <td>{e.service ?? "—"}</td>
              <td>{e.revision ?? "—"}</td>
              <td>{CAUSE_LABELS[e.cause]}</td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  aria-expanded={open === e.id}
                  onClick={() => setOpen(open === e.id ? null : e.id)}
                >
                  {e.message.length > 90 ? `${e.message.slice(0, 90)}…` : e.message}
                </button>
              </td>
            </tr>
            {open === e.id ? (
              <tr>
                <td colSpan={5}>
                  <pre className="log-line">{e.message}</pre>
                  <p>
                    Severity {e.severity} ·{" "}
                    <a href={e.explorerUrl} target="_blank" rel="noreferrer">
                      Open this entry in Logs Explorer
                    </a>
                  </p>
                </td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </DataTable>
      <nav className="segmented" aria-label="Event pages" style={{ marginTop: "0.5rem" }}>
        <button
          type="button"
          className="btn"
          disabled={data.page <= 1}
          onClick={() => setFilter("page", String(data.page - 1))}
        >
          Newer
        </button>
        <span>
          Page {data.page} of {data.pageCount}
        </span>
        <button
          type="button"
          className="btn"
          disabled={data.nextPage === null}
          onClick={() => setFilter("page", String(data.nextPage ?? data.page))}
        >
          Older
        </button>
      </nav>
    </FigureCard>
  );
}
