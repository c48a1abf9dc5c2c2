"use client";

import { StatusBadge } from "@/components/ui/status-badge";
import { formatCount, formatMultiplier } from "@/lib/core/format";
import type { SloResponse, SloView } from "@/lib/slo/schemas";

type Mark = <T extends { stale: boolean }>(f: T) => T;

/** Burn rate per window against the thresholds of the rules that read that window. */
export function BurnTable({ slo, rules, mark }: { slo: SloView; rules: SloResponse["rules"]; mark: Mark }) {
  return (
    <table aria-label={`Burn rate per window, ${slo.source === "startups" ? slo.service : slo.id}`}>
      <thead>
        <tr>
          <th scope="col">window</th>
          <th scope="col">burn rate</th>
          <th scope="col">thresholds</th>
          <th scope="col">{slo.source === "startups" ? "bad / start-ups" : "bad / attempts"}</th>
        </tr>
      </thead>
      <tbody>
        {slo.burn.map((b) => {
          const f = mark(b.burnRate);
          const applied = rules.filter((r) => r.long === b.window || r.short === b.window);
          const over = applied.some((r) => f.value !== null && f.value > r.threshold);
          return (
            <tr key={b.window} data-testid={`burn-${slo.id}-${b.window}`}>
              <th scope="row">{b.window}</th>
              <td>
                {formatMultiplier(f.value)}{" "}
                {f.stale ? (
                  <StatusBadge status="unknown" label="stale" />
                ) : f.value === null ? (
                  <StatusBadge status="unknown" label={slo.source === "startups" ? "no start-ups" : "no attempts"} />
                ) : over ? (
                  <StatusBadge status="down" label="over" />
                ) : null}
              </td>
              <td>{applied.map((r) => `${r.threshold}× (${r.id})`).join(", ") || "—"}</td>
              <td>
                {formatCount(b.bad)} / {formatCount(b.total)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
