import { describe, expect, it } from "vitest";
import type { ChangeView } from "@/lib/metrics/changes-schema";
import { changeMarkers } from "./markers";

const change = (startedAt: string, over: Partial<ChangeView> = {}): ChangeView => ({
  id: startedAt,
  kind: "deploy",
  resource: { type: "service", name: "backend" },
  method: "google.cloud.run.v1.Services.ReplaceService",
  startedAt,
  endedAt: null,
  durationMs: null,
  outcome: "succeeded",
  error: null,
  actor: null,
  summary: "backend-00042-xqf deployed",
  details: { revision: "backend-00042-xqf" },
  explorerUrl: "https://console.cloud.google.com/logs/query;query=x",
  ...over,
});
const rows = ["14:00", "14:05", "14:10"].map((hm) => ({ t: `2026-12-06T${hm}:00.000Z` }));

describe("changeMarkers", () => {
  it("puts a change on the row whose period holds it, with its label, tooltip and link", () => {
    expect(changeMarkers([change("2026-12-06T14:02:10Z")], rows)).toEqual([
      {
        t: "2026-12-06T14:05:00.000Z",
        label: "backend-00042-xqf",
        title: "14:02 UTC: backend-00042-xqf deployed",
        href: "https://console.cloud.google.com/logs/query;query=x",
      },
    ]);
  });

  it.each([
    ["before the first period", "2026-12-06T13:50:00Z"],
    ["after the last row", "2026-12-06T14:11:00Z"],
  ])("leaves out a change %s", (_n, at) => {
    expect(changeMarkers([change(at)], rows)).toEqual([]);
  });

  it("marks a failed change and names a connector's new machine type", () => {
    const [m] = changeMarkers(
      [
        change("2026-12-06T13:56:00Z", {
          kind: "connector",
          resource: { type: "connector", name: "staging-connector" },
          details: { machineType: "e2-standard-4" },
          outcome: "failed",
        }),
      ],
      rows,
    );
    expect(m?.label).toBe("staging-connector → e2-standard-4 ✗");
    expect(m?.t).toBe("2026-12-06T14:00:00.000Z");
  });

  it("on bins dated by their start, a change sits on the bin that holds it", () => {
    const [m] = changeMarkers([change("2026-12-06T14:07:00Z")], rows, "start");
    expect(m?.t).toBe("2026-12-06T14:05:00.000Z");
    expect(changeMarkers([change("2026-12-06T14:16:00Z")], rows, "start")).toEqual([]);
  });
});
