import { describe, expect, it } from "vitest";
import type { RuleConfig } from "@/lib/config/core/notifications-schema";
import { changeRouteEvent, route, subjectEvent, type RoutableChannel, type RouteEvent } from "./routing";

const ch = (id: string, kind: RoutableChannel["kind"], duringMaintenance = false): RoutableChannel => ({
  id,
  kind,
  duringMaintenance,
});
const CHANNELS = [ch("pd", "pagerduty"), ch("slack", "slack"), ch("chat", "googlechat"), ch("mail", "email")];
const ev = (over: Partial<RouteEvent>): RouteEvent => ({
  event: "slo",
  severity: "page",
  recovery: false,
  subject: "slo:startup:fast-burn",
  ...over,
});
const ids = (r: ReturnType<typeof route>) => r.send.map((s) => s.channel.id);
const all = { events: ["overview", "probe", "readiness", "slo", "rehearsal", "change"], sendOnResolved: true } as const;

describe("routing with the default rules", () => {
  it("SLO page alerts reach the paging channel (and the rest); ticket alerts never page", () => {
    expect(ids(route(ev({ severity: "page" }), undefined, CHANNELS))).toEqual(["pd", "slack", "chat", "mail"]);
    expect(ids(route(ev({ severity: "ticket" }), undefined, CHANNELS))).toEqual(["slack", "chat", "mail"]);
    expect(ids(route(ev({ severity: "info" }), undefined, CHANNELS))).toEqual(["slack", "chat", "mail"]);
  });
  it("no channels, nothing routed", () => {
    expect(route(ev({}), undefined, [])).toEqual({ send: [], held: [] });
  });
});

describe("routing with rules", () => {
  const rules: RuleConfig[] = [
    { ...all, events: [...all.events], severities: ["page"], channels: ["pd"] },
    { ...all, events: ["slo", "probe"], severities: ["ticket"], channels: ["chat"], remindEveryMinutes: 60 },
    { ...all, events: ["probe"], severities: ["ticket", "page"], channels: ["chat"], remindEveryMinutes: 15 },
    { ...all, events: ["readiness"], severities: ["info", "ticket"], channels: ["mail"], sendOnResolved: false },
  ];
  it.each<[string, Partial<RouteEvent>, string[]]>([
    ["SLO page → PagerDuty only", { severity: "page" }, ["pd"]],
    ["SLO ticket → Chat", { severity: "ticket" }, ["chat"]],
    ["SLO info → nobody", { severity: "info" }, []],
    ["probe page → PagerDuty and Chat", { event: "probe", severity: "page" }, ["pd", "chat"]],
    ["readiness ticket → mail", { event: "readiness", severity: "ticket" }, ["mail"]],
    [
      "readiness recovery → not mail (sendOnResolved false)",
      { event: "readiness", severity: "ticket", recovery: true },
      [],
    ],
    ["rehearsal ticket → nobody", { event: "rehearsal", severity: "ticket" }, []],
  ])("%s", (_n, over, expected) => {
    expect(ids(route(ev(over), rules, CHANNELS))).toEqual(expected);
  });
  it("a channel named by two rules is listed once, with the more frequent reminder", () => {
    const r = route(ev({ event: "probe", severity: "ticket" }), rules, CHANNELS);
    expect(r.send).toEqual([{ channel: CHANNELS[2], remindEveryMinutes: 15 }]);
    expect(route(ev({ severity: "page" }), rules, CHANNELS).send).toEqual([
      { channel: CHANNELS[0], remindEveryMinutes: null },
    ]);
  });
});

describe("the held seam (maintenance windows plug in here)", () => {
  it("a held channel is reported with its reason and not sent to; the predicate sees the event and the channel", () => {
    const seen: string[] = [];
    const held = (e: RouteEvent, c: RoutableChannel) => {
      seen.push(`${e.subject}/${c.id}`);
      return c.duringMaintenance ? null : "maintenance: connector migration until 14:00 UTC";
    };
    const channels = [ch("pd", "pagerduty"), ch("slack", "slack", true)];
    const r = route(ev({ severity: "page" }), undefined, channels, held);
    expect(ids(r)).toEqual(["slack"]);
    expect(r.held).toEqual([{ channel: channels[0], reason: "maintenance: connector migration until 14:00 UTC" }]);
    expect(seen).toEqual(["slo:startup:fast-burn/pd", "slo:startup:fast-burn/slack"]);
  });
  it("by default nothing is held", () => {
    expect(route(ev({}), undefined, CHANNELS).held).toEqual([]);
  });
});

describe("changeRouteEvent: severity of the graver end, recovery when it ends good", () => {
  it.each<[Parameters<typeof changeRouteEvent>, Pick<RouteEvent, "severity" | "recovery">]>([
    [["probe", "probe:a", "up", "down"], { severity: "page", recovery: false }],
    [["probe", "probe:a", "down", "up"], { severity: "page", recovery: true }],
    [["probe", "probe:a", "up", "unknown"], { severity: "ticket", recovery: false }],
    [["probe", "probe:a", "up", "missing"], { severity: "page", recovery: false }],
    [["probe", "probe:a", "missing", "up"], { severity: "page", recovery: true }],
    [["probe", "probe:a", "up", "flapping"], { severity: "ticket", recovery: false }],
    [["probe", "probe:a", "up", "some-new-state"], { severity: "ticket", recovery: false }],
    [["probe", "probe:a", null, "up"], { severity: "info", recovery: false }],
    [["overview", "overview", "healthy", "down"], { severity: "page", recovery: false }],
    [["overview", "overview", "degraded", "healthy"], { severity: "ticket", recovery: true }],
    [["overview", "overview", "down", "unknown"], { severity: "page", recovery: false }],
    [["readiness", "readiness", "GO", "NO-GO"], { severity: "ticket", recovery: false }],
    [["readiness", "readiness", "NO-GO", "GO"], { severity: "ticket", recovery: true }],
    [["readiness", "readiness", "GO", "CAUTION"], { severity: "info", recovery: false }],
    [["rehearsal", "rehearsal:demo", "passed", "failed"], { severity: "ticket", recovery: false }],
    [["rehearsal", "rehearsal:demo", "failed", "passed"], { severity: "ticket", recovery: true }],
    [["rehearsal", "rehearsal:demo", "passed", "unknown"], { severity: "ticket", recovery: false }],
    [["rehearsal", "rehearsal:demo", null, "passed"], { severity: "info", recovery: false }],
    [["change", "change:service:backend:op-1", null, "succeeded"], { severity: "info", recovery: false }],
    [["change", "change:service:backend:op-1", null, "failed"], { severity: "info", recovery: false }],
  ])("%j", (args, expected) => {
    expect(changeRouteEvent(...args)).toMatchObject(expected);
  });
});

describe("rehearsal and change alerts", () => {
  it("a change never pages, even a failed one, but reaches every other channel by default", () => {
    const failed = changeRouteEvent("change", "change:service:backend:op-1", null, "failed");
    expect(ids(route(failed, undefined, CHANNELS))).toEqual(["slack", "chat", "mail"]);
    // A rule for pages only never hears of changes.
    const pagesOnly: RuleConfig[] = [
      { ...all, events: [...all.events], severities: ["page"], channels: ["pd", "slack"] },
    ];
    expect(ids(route(failed, pagesOnly, CHANNELS))).toEqual([]);
  });

  it("a failed rehearsal is a ticket: chat hears it, PagerDuty does not", () => {
    const rules: RuleConfig[] = [
      { ...all, events: [...all.events], severities: ["page"], channels: ["pd"] },
      { ...all, events: ["rehearsal"], severities: ["ticket"], channels: ["chat"] },
    ];
    const failed = changeRouteEvent("rehearsal", "rehearsal:demo", "passed", "failed");
    expect(ids(route(failed, rules, CHANNELS))).toEqual(["chat"]);
    // Its recovery goes where the failure went.
    expect(ids(route(changeRouteEvent("rehearsal", "rehearsal:demo", "failed", "passed"), rules, CHANNELS))).toEqual([
      "chat",
    ]);
  });

  it.each([
    ["overview", "overview"],
    ["probe:backend-health", "probe"],
    ["rehearsal:demo-rehearsal", "rehearsal"],
    ["change:service:backend:operations/1", "change"],
  ] as const)("the subject %s is a %s event", (subject, kind) => {
    expect(subjectEvent(subject)).toBe(kind);
  });
});
