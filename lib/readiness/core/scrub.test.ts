import { describe, expect, it } from "vitest";
import { scrubInternal } from "./scrub";

describe("scrubInternal", () => {
  it.each([
    ["see http://127.0.0.1:18080/health now", "see an internal address now"],
    ["wss://api.staging.netrasystems.ai/ws failed", "an internal address failed"],
    ["host 10.0.0.12:5432 down", "host an internal address down"],
    ["on localhost:8002", "on an internal address"],
    ["at [::1]:8080", "at an internal address"],
    [
      "socket /cloudsql/netra-staging:us-central1:staging-shared-postgres/.s.PGSQL.5432 timed out",
      "socket an internal address timed out",
    ],
    ["instance netra-staging:us-central1:staging-shared-postgres", "instance an internal address"],
    ["domain *.netrasystems.ai", "domain an internal address"],
    // Plain text stays as it is.
    [
      "Only 97.3% of start-ups succeeded; 1 in 20 took 850 ms (needs at least 95%).",
      "Only 97.3% of start-ups succeeded; 1 in 20 took 850 ms (needs at least 95%).",
    ],
    ["Live updates (WebSocket) work and/or sign-in: yes.", "Live updates (WebSocket) work and/or sign-in: yes."],
  ])("%s", (input, output) => {
    expect(scrubInternal(input)).toBe(output);
  });

  it("the verdict applies it to labels that people wrote", async () => {
    const { demoVerdict } = await import("./verdict");
    const v = demoVerdict(
      [
        {
          id: "a",
          label: "Backend at backend.internal.example.com",
          severity: "blocker",
          evaluation: null,
          maxAgeSeconds: 60,
        },
      ],
      new Date(0),
    );
    expect(v.reasons[0]?.text).toBe("Backend at an internal address: not checked yet, so we cannot promise it works.");
  });
});
