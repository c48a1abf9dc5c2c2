import { describe, expect, it } from "vitest";
import type { Figure } from "@/lib/core/figure";
import { buildDigest, type DigestInputs, type SloInput } from "./digest";
import { digestBody, digestEmail, digestSections } from "./digest-render";
import { parseWeek } from "./digest-week";

const H = 3_600_000;
const weekOrThrow = (id: string) => {
  const w = parseWeek(id);
  if ("problem" in w) throw new Error(w.problem);
  return w;
};
const week = weekOrThrow("2026-W49");
const previous = weekOrThrow("2026-W48");
/** Every hour of a week (and the day before it) had a check. */
const hoursOf = (w: { start: number; end: number }) =>
  Array.from({ length: (w.end - w.start) / H + 24 }, (_, i) => w.start - 24 * H + i * H);

const fig = (value: number | null, measuredAt: number | null, stale = false): Figure<number> => ({
  value,
  measuredAt: measuredAt === null ? null : new Date(measuredAt).toISOString(),
  stale,
  ageSeconds: 0,
  staleAfter: null,
});
const slo = (id: string, remaining: Figure<number>, attainment: Figure<number>): SloInput => ({
  id,
  service: "all",
  objective: 0.95,
  windowDays: 28,
  attainment,
  budget: { remaining },
});

function inputs(over: Partial<DigestInputs> = {}): DigestInputs {
  return {
    week,
    previous,
    generatedAt: week.end + H,
    baseUrl: "https://stagewatch.example/",
    startups: { week: { ok: true, value: fig(0.97, week.end) }, previous: { ok: true, value: fig(0.5, previous.end) } },
    slos: {
      week: { ok: true, value: [slo("startup-all", fig(0.4, week.end), fig(0.98, week.end))] },
      previous: { ok: true, value: [slo("startup-all", fig(-0.2, previous.end), fig(0.94, previous.end))] },
    },
    overview: {
      ok: true,
      value: {
        changes: [
          { at: week.start - H, to: "healthy" },
          { at: week.start + 10 * H, to: "down" },
          { at: week.start + 13 * H, to: "healthy" },
        ],
        knownUntil: week.end + H,
        checkedHours: hoursOf(week),
      },
    },
    readiness: {
      ok: true,
      value: { changes: [{ at: week.start + 84 * H, to: "GO" }], knownUntil: week.end, checkedHours: hoursOf(week) },
    },
    incident: {
      ok: true,
      value: {
        incidentId: "INC-1",
        title: "Start-ups fail",
        severity: "SEV1",
        incidentStatus: "mitigating",
        progressText: "1 of 3 phases done",
        phases: [
          { name: "Grow the connector", order: 2, status: "in_progress" },
          { name: "Stop the bleeding", order: 1, status: "done" },
        ],
        evaluatedAt: new Date(week.end).toISOString(),
      },
    },
    changes: { ok: true, value: { count: 14, truncated: false, measuredAt: new Date(week.end).toISOString() } },
    ...over,
  };
}

describe("digest model", () => {
  it("a full week: every figure with its value and when it was measured", () => {
    const m = buildDigest(inputs());
    expect(m.week).toEqual({ id: "2026-W49", start: "2026-11-30T00:00:00.000Z", end: "2026-12-07T00:00:00.000Z" });
    expect(m.startupSuccess.week).toEqual({ value: 0.97, measuredAt: new Date(week.end).toISOString(), unknown: null });
    expect(m.slos.items[0]?.budgetRemaining).toMatchObject({ week: { value: 0.4 }, previous: { value: -0.2 } });
    expect(m.overview.redMs).toBe(3 * H);
    expect(m.overview.ms).toEqual({ unknown: 0, healthy: 165 * H, down: 3 * H });
    expect(m.overview.unknown).toBeNull();
    expect(m.changes.value).toEqual({ count: 14, truncated: false });
  });

  it("stale and missing inputs are unknown with the reason, never healthy", () => {
    const m = buildDigest(
      inputs({
        startups: {
          week: { ok: true, value: fig(0.99, week.start + H, true) },
          previous: { ok: true, value: fig(null, null) },
        },
        slos: {
          week: { ok: true, value: [slo("startup-all", fig(0.9, week.start, true), fig(null, null))] },
          previous: { ok: false, reason: "Cloud Monitoring did not answer" },
        },
        overview: { ok: true, value: { changes: [], knownUntil: null, checkedHours: [] } },
        incident: { ok: false, reason: "the tracker could not be read" },
        changes: { ok: false, reason: "the audit log could not be read" },
      }),
    );
    expect(m.startupSuccess.week.value).toBeNull();
    expect(m.startupSuccess.week.unknown).toMatch(/^stale/);
    expect(m.startupSuccess.previous).toMatchObject({ value: null, unknown: "no data for this week" });
    expect(m.slos.items[0]?.budgetRemaining.week.value).toBeNull();
    expect(m.slos.items[0]?.budgetRemaining.previous).toMatchObject({
      value: null,
      unknown: "Cloud Monitoring did not answer",
    });
    // Nothing recorded: the whole week is unknown and no minute is counted healthy or red.
    expect(m.overview.ms).toEqual({ unknown: 168 * H });
    expect(m.overview.redMs).toBeNull();
    expect(m.overview.unknown).not.toBeNull();
    expect(m.incident).toMatchObject({ value: null, unknown: "the tracker could not be read" });
    const text = digestEmail(m).text;
    expect(text).toContain("This week: unknown — stale");
    expect(text).toContain("healthy 0.0%");
    expect(text).toContain("unknown 100.0%");
    expect(text).toContain("Unknown — the audit log could not be read");
    expect(text).not.toMatch(/This week: 99/);
  });

  it("an unreadable history leaves time red unknown, not zero", () => {
    const m = buildDigest(inputs({ overview: { ok: false, reason: "the store could not be opened" } }));
    expect(m.overview).toMatchObject({ ms: null, redMs: null, unknown: "the store could not be opened" });
    expect(digestSections(m).find((s) => s.heading.startsWith("Time red"))?.lines[0]).toBe("Red: unknown");
  });

  it("readiness: share of the week per verdict, unknown before the first one", () => {
    const m = buildDigest(inputs());
    expect(m.readiness.share).toEqual({ unknown: 0.5, GO: 0.5 });
  });
});

describe("digest rendering", () => {
  const hostile = inputs({
    incident: {
      ok: true,
      value: {
        incidentId: "INC-1",
        title: 'Start-ups <script>alert(1)</script> & "more"\r\nBcc: victim@example.com',
        severity: "SEV1",
        incidentStatus: "open",
        progressText: "0 of 1 phases done",
        phases: [{ name: "<b>phase</b>", order: 1, status: "todo" }],
        evaluatedAt: null,
      },
    },
  });
  const m = buildDigest(hostile);

  it("email: HTML escaped, subject one line", () => {
    const mail = digestEmail(m);
    expect(mail.subject).toBe("[Stagewatch] Stagewatch weekly digest 2026-W49");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;");
    expect(mail.html).toContain("&lt;b&gt;phase&lt;/b&gt;");
    expect(mail.text).toContain("Phase 1 <b>phase</b>: todo");
  });

  it("Chat card and Slack blocks escape what people typed", () => {
    const chat = digestBody("googlechat", m);
    expect(chat).not.toContain("<script>");
    expect(JSON.parse(chat)).toMatchObject({ cardsV2: [{ cardId: "digest-2026-W49" }] });
    const slack = digestBody("slack", m);
    expect(slack).not.toContain("<script>");
    const blocks = (JSON.parse(slack) as { blocks: { type: string }[] }).blocks;
    expect(blocks.map((b) => b.type)).toEqual(["header", "context", ...Array<string>(6).fill("section")]);
    expect(slack).not.toContain("\\nBcc:");
  });

  it("JSON: the model itself, typed", () => {
    expect(JSON.parse(digestBody("json", m))).toMatchObject({ type: "digest.weekly", week: { id: "2026-W49" } });
  });
});
