import { describe, expect, it } from "vitest";
import { FOUR_WINDOW_RULES_28D, alertRulesFor } from "./alert-sets";
import { DEFAULT_ALERT_RULES, ruleCondition, type AlertRule } from "./alerts";
import { runRule, series } from "@/lib/slo/core/testing";

const rule = (rules: readonly AlertRule[], id: string) => {
  const r = rules.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};

describe("alert sets", () => {
  it("workbook is today's three rules; four-window at 28 days is Sloth's and Pyrra's four", () => {
    expect(alertRulesFor("workbook", 30)).toBe(DEFAULT_ALERT_RULES);
    expect(alertRulesFor("four-window", 28).map((r) => [r.id, r.severity, r.threshold, r.long, r.short])).toEqual([
      ["fast-burn", "page", 14.4, "1h", "5m"],
      ["slow-burn", "page", 6, "6h", "30m"],
      ["day-burn", "ticket", 3, "24h", "2h"],
      ["budget-burn", "ticket", 1, "3d", "6h"],
    ]);
    expect(FOUR_WINDOW_RULES_28D).toHaveLength(4);
  });

  it("scales the windows to the SLO's length as Pyrra does: minutes up to 6 h, whole hours beyond", () => {
    const windows = (days: number) => alertRulesFor("four-window", days).map((r) => `${r.long}/${r.short}`);
    // 30 days: ×30/28 — 64.3 m → 64m, 385.7 m → 6h, 25.7 h → 26h, 128.6 m → 129m, 77.1 h → 77h.
    expect(windows(30)).toEqual(["64m/5m", "6h/32m", "26h/129m", "77h/6h"]);
    expect(windows(7)).toEqual(["15m/1m", "90m/8m", "6h/30m", "18h/90m"]);
    // The shortest SLO (3 days): a 0.5-minute window would be unreadable, so one minute.
    expect(windows(3)).toEqual(["6m/1m", "39m/3m", "154m/13m", "8h/39m"]);
  });
});

describe("the four-window set fires and resolves at the minutes the arithmetic gives", () => {
  const four = alertRulesFor("four-window", 28);

  it("a day of 20% bad start-ups (burn 4): the day ticket fires, the pages never do", () => {
    // One healthy day, then one day at 20% bad (burn 0.2 ÷ 0.05 = 4), then healthy again.
    const pts = series(3200, (m) => (m >= 1440 && m < 2880 ? 0.2 : 0));
    // 24 h burn = 4 × bad minutes ÷ 1440 > 3 once more than 1080 bad minutes: minute 1440 + 1081.
    // 2 h burn after recovery = 4 × (120 − k) ÷ 120 ≤ 3 once k ≥ 30 healthy minutes: minute 2910.
    expect(runRule(rule(four, "day-burn"), pts, { fromMinute: 1440 })).toEqual([
      { minute: 2521, to: "firing" },
      { minute: 2910, to: "resolved" },
    ]);
    // Burn 4 never exceeds 6 or 14.4.
    expect(runRule(rule(four, "fast-burn"), pts, { fromMinute: 1440 })).toEqual([]);
    expect(runRule(rule(four, "slow-burn"), pts, { fromMinute: 1440 })).toEqual([]);
    // 3 d window (history since minute 0) = 4(m − 1440) ÷ m > 1 once m > 1920; 6 h window all bad.
    // It resolves when the 6 h window holds ≤ 90 bad minutes: 270 healthy minutes after 2880.
    expect(runRule(rule(four, "budget-burn"), pts, { fromMinute: 1440 })).toEqual([
      { minute: 1921, to: "firing" },
      { minute: 3150, to: "resolved" },
    ]);
  });

  it("scaled to 30 days, a full outage pages fast-burn (64m/5m) at the 47th bad minute", () => {
    const fast = rule(alertRulesFor("four-window", 30), "fast-burn");
    const pts = series(240, (m) => (m >= 120 && m < 180 ? 1 : 0));
    // 64 m burn = 20 × k ÷ 64 > 14.4 once k > 46.08; the 5 m window is all bad by then.
    // 5 m window ≤ 14.4 once ≤ 3.6 of its 5 minutes are bad: 2 healthy minutes after the outage.
    expect(runRule(fast, pts)).toEqual([
      { minute: 167, to: "firing" },
      { minute: 182, to: "resolved" },
    ]);
  });

  it("a window nobody computed is unknown: the rule neither fires nor resolves", () => {
    const day = rule(four, "day-burn");
    expect(ruleCondition(day, { "24h": { burnRate: 10, stale: false } })).toBe("unknown");
    expect(ruleCondition(day, { "24h": { burnRate: 10, stale: false }, "2h": { burnRate: 10, stale: true } })).toBe(
      "unknown",
    );
  });
});
