import { z } from "zod";

/**
 * Server-sent events framing (WHATWG HTML, "Server-sent events"), pure. A field value never
 * holds a line break: JSON data is one line, and ids and event names are ours.
 */

/** How long the browser waits before reconnecting after the stream drops. */
export const RETRY_MS = 3_000;

export function sseEvent(e: { id?: number; event: string; data: unknown }): string {
  const id = e.id === undefined ? "" : `id: ${e.id}\n`;
  return `${id}event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

export const sseRetry = (ms: number = RETRY_MS): string => `retry: ${ms}\n\n`;

/** A comment line: keeps proxies and the browser from timing out an idle stream. */
export const sseHeartbeat = (): string => ": heartbeat\n\n";

/**
 * A feed position as `Last-Event-ID` (the header a reconnecting EventSource sends) or
 * `?lastEventId=` (a fresh EventSource carries no header) holds it: a whole number.
 */
export const feedPositionSchema = z
  .string()
  .trim()
  .regex(/^\d{1,15}$/, "must be a feed position: a whole number of at most 15 digits")
  .transform(Number);

export const streamQuerySchema = z.strictObject({
  lastEventId: feedPositionSchema.optional().describe("Resume after this position (as the Last-Event-ID header)."),
});
export const streamHeadersSchema = z.object({ "Last-Event-ID": feedPositionSchema.optional() });
