import { connectorLoad } from "@/lib/metrics/core/testing";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { dataNeeds } from "@/lib/criteria/core/data-needs";
import { evaluate } from "@/lib/criteria/core/evaluate";
import { parseCriterion } from "@/lib/criteria/core/parser";
import type { Snapshot } from "@/lib/criteria/core/types";
import { makeFigure } from "@/lib/core/figure";
import { overviewVerdict } from "@/lib/metrics/core/overview-verdict";
import { demoVerdict } from "@/lib/readiness/core/verdict";
import { StartupCard } from "./startup-card";
import { VerdictBanner } from "./verdict-banner";

const load = connectorLoad;

// The same start-up success, as the card, the banner, a tracker criterion and a readiness
// reason print it: one formatter, one text (issue 14: the banner said 1.6% while the card said 1.7%).

const NOW = Date.UTC(2026, 0, 5, 12);
const measuredAt = new Date(NOW - 60_000).toISOString();

function criterionText(expr: string, value: number): { measured: string; reason: string } {
  const parsed = parseCriterion(expr);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const snapshot: Snapshot = Object.fromEntries(dataNeeds(parsed.ast).map((n) => [n.key, { value, measuredAt }]));
  const evaluation = evaluate(parsed.ast, snapshot, new Date(NOW));
  const reason =
    demoVerdict(
      [{ id: "startups", label: "Services start reliably", severity: "blocker", evaluation, maxAgeSeconds: 600 }],
      new Date(NOW),
      {},
    ).reasons[0]?.text ?? "";
  return { measured: evaluation.measured ?? "", reason };
}

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("one percentage, one text", () => {
  it.each([
    [0.9496, 9496, 504, "94.9%"],
    [0.016999, 17, 983, "1.6%"],
    [0.29, 29, 71, "29.0%"],
    [0.5, 1, 1, "50.0%"],
  ])(
    "%s prints %s on the card, the banner, the criterion and the readiness reason",
    (rate, healthy, unhealthy, expected) => {
      const figure = makeFigure(rate, NOW - 60_000, NOW, { maxAgeSeconds: 300 });
      const counts = { healthy, unhealthy };
      const card = text(
        renderToStaticMarkup(
          <StartupCard
            startups={{ target: 0.95, windowSeconds: 3600, now: figure, counts, series: [] }}
            freshness={figure}
            maxAgeSeconds={300}
            search="range=1h"
          />,
        ),
      );
      const verdict = overviewVerdict({
        startupSuccess: figure,
        startupCounts: counts,
        databaseUp: makeFigure(true, NOW - 60_000, NOW, { maxAgeSeconds: 300 }),
        databaseName: "db",
        windowLabel: "the last hour",
        probes: [],
        connector: {
          name: "c",
          maxInstances: 3,
          load: makeFigure(load(2, 0.1), NOW - 60_000, NOW, { maxAgeSeconds: 300 }),
        },
        socketTimeouts: 0,
        now: NOW,
      });
      const banner = text(renderToStaticMarkup(<VerdictBanner verdict={verdict} servedStale={false} />));
      const criterion = criterionText("startup_success_rate(all, 1h) >= 0.95", rate);

      expect(card).toContain(` ${expected} `);
      expect(banner).toContain(`Start-up success is ${expected} (`);
      expect(criterion.measured).toBe(expected);
      expect(criterion.reason).toContain(`Only ${expected} of service start-ups`);
    },
  );
});
