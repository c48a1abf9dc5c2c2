import { status } from "@grpc/grpc-js";
import { hashString } from "@/lib/what-if/core/model/prng";
import { invalidField, RpcError } from "./grpc-errors";
import type { Point, Series } from "./types";
import { nanosOf, wirePoints } from "./wire-points";

/** Conversions between the emulator's values and the protobuf-JSON shapes of the Google APIs. */

export interface WireTimestamp {
  seconds?: string | number;
  nanos?: number;
}

/** Numbers, not strings, for int64 fields: the bytes are the same and protobufjs encodes numbers far faster. */
export function toTimestamp(seconds: number): { seconds: number; nanos: number } {
  return { seconds: Math.floor(seconds), nanos: nanosOf(seconds) };
}

export function fromTimestamp(ts: WireTimestamp | null | undefined): number | undefined {
  if (!ts || ts.seconds === undefined) return ts?.nanos ? ts.nanos / 1e9 : undefined;
  return Number(ts.seconds) + (ts.nanos ?? 0) / 1e9;
}

export function isoOf(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** A TimeSeries message with the given points (already newest first). */
export function wireSeries(s: Series, points: Point[]) {
  return {
    metric: { type: s.metric.type, labels: s.metric.labels },
    resource: { type: s.resource.type, labels: s.resource.labels },
    metricKind: s.kind,
    valueType: s.valueType,
    unit: s.unit,
    points: wirePoints(points, s.valueType),
  };
}

/**
 * Page tokens carry where the next page starts plus a hash of the request, so a token used
 * with different parameters is refused the way Google refuses it.
 */
export interface PageCursor {
  /** Position: series index, point index (or entry index / minute for logs). */
  a: number;
  b: number;
  /** Clock pinned at the first page so later pages see the same data. */
  t: number;
  h: number;
}

export function requestHash(parts: unknown): number {
  return hashString(JSON.stringify(parts));
}

export function encodeToken(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeToken(token: string, hash: number): PageCursor {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<PageCursor>;
    if (
      typeof parsed.a === "number" &&
      typeof parsed.b === "number" &&
      typeof parsed.t === "number" &&
      parsed.h === hash
    ) {
      return { a: parsed.a, b: parsed.b, t: parsed.t, h: parsed.h };
    }
  } catch {
    // fall through to the error below
  }
  throw invalidField(
    "pageToken",
    token,
    "The page token is invalid or does not belong to this request; repeat the request without it.",
  );
}

export function permissionDenied(permission: string, name: string): RpcError {
  return new RpcError(
    status.PERMISSION_DENIED,
    `Permission ${permission} denied on resource ${name} (or it may not exist).`,
  );
}
