import { describe, expect, it } from "vitest";
import { changeFor, feedChangeOf, type FeedChange } from "./events";
import { feedPositionSchema, sseEvent, sseHeartbeat, sseRetry, streamQuerySchema } from "./sse";

const row = {
  pos: 7,
  at: Date.parse("2026-12-07T03:00:00.000Z"),
  kind: "overview",
  subject: "overview",
  from_state: "healthy",
  to_state: "down",
  detail: JSON.stringify({
    reasons: ["Golden-path probe auth is down: ECONNREFUSED"],
    likelyCause: "x@example.com deployed",
  }),
};

describe("a change as each role sees it", () => {
  const change = feedChangeOf(row) as FeedChange;
  it.each([
    [false, ["changedAt", "from", "kind", "subject", "to"]],
    [true, ["changedAt", "from", "kind", "likelyCause", "reasons", "subject", "to"]],
  ])("showDetail %s → fields %j", (showDetail, fields) => {
    const seen = changeFor(change, showDetail);
    expect(Object.keys(seen).sort()).toEqual(fields);
    expect(seen).toMatchObject({
      kind: "overview",
      from: "healthy",
      to: "down",
      changedAt: "2026-12-07T03:00:00.000Z",
    });
    if (!showDetail) expect(JSON.stringify(seen)).not.toMatch(/ECONNREFUSED|example\.com/);
  });

  it.each([
    ["an unknown kind is skipped", { ...row, kind: "tracker" }, null],
    ["unreadable detail keeps the change, without words", { ...row, detail: "{" }, { reasons: [], likelyCause: null }],
    ["detail of the wrong shape likewise", { ...row, detail: '{"reasons":"x"}' }, { reasons: [], likelyCause: null }],
  ])("%s", (_name, input, detail) => {
    const parsed = feedChangeOf(input);
    if (detail === null) expect(parsed).toBeNull();
    else expect(parsed?.detail).toEqual(detail);
  });
});

describe("server-sent events framing", () => {
  it("frames an event with id, name and one-line JSON data", () => {
    expect(sseEvent({ id: 3, event: "change", data: { a: "x\ny" } })).toBe(
      'id: 3\nevent: change\ndata: {"a":"x\\ny"}\n\n',
    );
    expect(sseEvent({ event: "end", data: {} })).toBe("event: end\ndata: {}\n\n");
    expect(sseRetry()).toBe("retry: 3000\n\n");
    expect(sseHeartbeat().startsWith(":")).toBe(true);
  });

  it.each([
    ["0", 0],
    ["42", 42],
    [" 42 ", 42],
    ["999999999999999", 999999999999999],
  ])("accepts the position %j", (raw, value) => {
    expect(feedPositionSchema.parse(raw)).toBe(value);
  });

  it.each(["", "-1", "1.5", "1e3", "abc", "0x10", "1".repeat(16), "4%00"])("refuses the position %j", (raw) => {
    expect(feedPositionSchema.safeParse(raw).success).toBe(false);
  });

  it("the query takes only lastEventId", () => {
    expect(streamQuerySchema.safeParse({ lastEventId: "5" })).toMatchObject({
      success: true,
      data: { lastEventId: 5 },
    });
    expect(streamQuerySchema.safeParse({ range: "1h" }).success).toBe(false);
  });
});
