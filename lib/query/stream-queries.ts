import type { QueryKey } from "@tanstack/react-query";
import type { z } from "zod";
import { streamChangeSchema, streamHelloSchema, type ChangeKind } from "@/lib/stream/core/events";

/**
 * What a page does with `/api/stream` (decision 0027): which cached answers a change makes
 * stale. The page refetches them from the JSON routes (which apply the caller's role), so an
 * event only needs to say what changed.
 */

export const STREAM_URL = "/api/stream";

/** Every answer the stream keeps current; all are refetched after a reset or a reconnect. */
export const STREAMED_KEYS: readonly QueryKey[] = [
  ["overview"],
  ["overview-golden-path"],
  ["probes"],
  ["probe"],
  ["probe-history"],
  ["readiness"],
  ["maintenance"],
];

export function keysForChange(change: { kind: ChangeKind; subject: string }): QueryKey[] {
  if (change.kind === "readiness") return [["readiness"]];
  // A window made or ended: its panel, and every verdict that may now say (or stop saying) maintenance.
  if (change.kind === "maintenance")
    return [["maintenance"], ["overview"], ["overview-golden-path"], ["probes"], ["probe"], ["readiness"]];
  if (change.kind === "overview") return [["overview"], ["overview-golden-path"]];
  const name = change.subject.replace(/^probe:/, "");
  // A golden-path probe's state is part of the Overview's verdict and its strip.
  return [["overview"], ["overview-golden-path"], ["probes"], ["probe", name], ["probe-history", name]];
}

/** An event's data, or null when it is not what the document says (ignored, never guessed). */
function parseData<T>(schema: z.ZodType<T>, data: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const parseChange = (data: string) => parseData(streamChangeSchema, data);
export const parseHello = (data: string) => parseData(streamHelloSchema, data);
