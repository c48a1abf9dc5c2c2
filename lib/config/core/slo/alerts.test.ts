import { describe, expect, it } from "vitest";
import { DEFAULT_ALERT_RULES, ruleCondition, stepAlert, type AlertRule, type WindowRead } from "./alerts";
import { burnRate, countWindow, type CountPoint } from "@/lib/slo/core/budget";
import { BURN_WINDOWS, WINDOW_MS, type BurnWindow } from "@/lib/core/slo-windows";
import { MIN, OBJ, runRule, series, T0 } from "@/lib/slo/core/testing";

const [FAST, SLOW, TICKET] = DEFAULT_ALERT_RULES as [AlertRule, AlertRule, AlertRule];

function burnAt(points: readonly CountPoint[], end: number): Record<BurnWindow, WindowRead> {
  return Object.fromEntries(
    BURN_WINDOWS.map((w) => [
      w,
      { burnRate: burnRate(countWindow(points, end, WINDOW_MS[w], MIN), OBJ), stale: false },
    ]),
  ) as Record<BurnWindow, WindowRead>;
}

describe("the rules", () => {
  it("are the SRE workbook's defaults", () => {
    expect(DEFAULT_ALERT_RULES.map((r) => [r.severity, r.threshold, r.long, r.short])).toEqual([
      ["page", 14.4, "1h", "5m"],
      ["page", 6, "6h", "30m"],
      ["ticket", 1, "3d", "6h"],
    ]);
  });

  it("need both windows over the threshold", () => {
    const reads = (long: number | null, short: number | null, stale = false) =>
      ({ ...burnAt([], T0), "1h": { burnRate: long, stale }, "5m": { burnRate: short, stale } }) as Record<
        BurnWindow,
        WindowRead
      >;
    expect(ruleCondition(FAST, reads(15, 15))).toBe("burning");
    expect(ruleCondition(FAST, reads(14.4, 20))).toBe("ok"); // strictly greater
    expect(ruleCondition(FAST, reads(20, 1))).toBe("ok");
    expect(ruleCondition(FAST, reads(1, 20))).toBe("ok");
    expect(ruleCondition(FAST, reads(20, null))).toBe("unknown");
    expect(ruleCondition(FAST, reads(null, null))).toBe("unknown");
    expect(ruleCondition(FAST, reads(20, 20, true))).toBe("unknown"); // stale never fires nor clears
    expect(ruleCondition(FAST, reads(1, null))).toBe("ok");
  });
});

describe("alerts on synthetic series", () => {
  it("a full outage pages fast-burn within minutes and resolves once recovered", () => {
    // 2 h healthy, 30 min all bad, then healthy again.
    const pts = series(240, (m) => (m >= 120 && m < 150 ? 1 : 0));
    const t = runRule(FAST, pts);
    // 1h burn passes 14.4 after 44 bad minutes of 60 → but the outage lasts 30: 30/60×20 = 10 < 14.4.
    expect(t).toEqual([]);
    const longer = series(300, (m) => (m >= 120 && m < 180 ? 1 : 0));
    // 1h burn = bad minutes/60 × 20 > 14.4 once more than 43.2 bad minutes: the 44th (minute 164).
    const [fire, resolve, ...rest] = runRule(FAST, longer);
    expect(fire).toEqual({ minute: 164, to: "firing" });
    // The 5 m window goes ≤ 14.4 when ≤ 3.6 of its 5 minutes are bad: 2 good minutes after the outage.
    expect(resolve).toEqual({ minute: 182, to: "resolved" });
    expect(rest).toEqual([]);
  });

  it("a short spike alone does not page: 10 bad minutes move the 5 m window, not the 1 h one", () => {
    const pts = series(180, (m) => (m >= 60 && m < 70 ? 1 : 0));
    expect(Math.max(...pts.map((_, m) => burnAt(pts, T0 + (m + 1) * MIN)["5m"].burnRate ?? 0))).toBeCloseTo(20, 9);
    expect(runRule(FAST, pts)).toEqual([]);
    expect(runRule(SLOW, pts)).toEqual([]);
  });

  it("a slow 40% burn pages slow-burn (6 h and 30 m over 6), never fast-burn", () => {
    const pts = series(8 * 60, (m) => (m >= 60 ? 0.4 : 0)); // burn 8
    expect(runRule(FAST, pts)).toEqual([]);
    // History starts at minute 0, so the 6 h window holds m minutes: burn 8(m − 60)/m > 6 → m > 240.
    expect(runRule(SLOW, pts)).toEqual([{ minute: 241, to: "firing" }]);
  });

  it("a steady 10% burn (2x) opens a ticket after the 3 d window passes 1x", () => {
    const pts = series(3 * 24 * 60, (m) => (m >= 36 * 60 ? 0.1 : 0));
    // 3 d burn = bad minutes × 2 / 4320 > 1 → more than 2160 bad minutes: never within 36 h of burn
    expect(runRule(TICKET, pts, { fromMinute: 3 * 24 * 60 - 5 })).toEqual([]);
    const longer = series(4 * 24 * 60, (m) => (m >= 36 * 60 ? 0.1 : 0));
    const t = runRule(TICKET, longer, { fromMinute: 36 * 60 });
    expect(t).toEqual([{ minute: 36 * 60 + 2161, to: "firing" }]);
  });

  it("an empty window neither fires nor resolves", () => {
    // 1 h healthy, 1 h down, then nothing starts at all.
    const pts = series(240, (m) => (m >= 60 && m < 120 ? 1 : 0)).map((p, m) =>
      m >= 120 ? { ...p, good: 0, bad: 0 } : p,
    );
    // Fires in the outage (1 h burn 20·k/60 > 14.4 at the 44th bad minute); afterwards the 5 m
    // window has no start-ups — unknown — so it stays firing instead of resolving on silence.
    expect(runRule(FAST, pts)).toEqual([{ minute: 104, to: "firing" }]);
  });
});

describe("flap-free state machine", () => {
  const HOLD = 5 * MIN;
  it("resolves only after the hold, without a break; unknown breaks the streak", () => {
    let s = stepAlert(null, "burning", 0, HOLD);
    expect(s.transition).toBe("firing");
    s = stepAlert(s.state, "ok", 1 * MIN, HOLD);
    s = stepAlert(s.state, "burning", 2 * MIN, HOLD); // flaps back: streak broken
    s = stepAlert(s.state, "ok", 3 * MIN, HOLD);
    s = stepAlert(s.state, "unknown", 4 * MIN, HOLD); // silence is not recovery
    s = stepAlert(s.state, "ok", 5 * MIN, HOLD);
    s = stepAlert(s.state, "ok", 9 * MIN, HOLD);
    expect(s.transition).toBeNull();
    expect(s.state.status).toBe("firing");
    s = stepAlert(s.state, "ok", 10 * MIN, HOLD);
    expect(s.transition).toBe("resolved");
    expect(s.state).toEqual({ status: "resolved", since: 10 * MIN, clearSince: null });
  });

  it("emits each transition once: repeated conditions give no repeat transition", () => {
    let s = stepAlert(null, "ok", 0, 0);
    expect(s).toEqual({ state: { status: "resolved", since: 0, clearSince: null }, transition: null });
    const seen: (string | null)[] = [];
    for (const c of ["burning", "burning", "burning", "ok", "ok", "unknown", "burning", "burning"] as const) {
      s = stepAlert(s.state, c, 0, 0);
      seen.push(s.transition);
    }
    expect(seen).toEqual(["firing", null, null, "resolved", null, null, "firing", null]);
  });
});
