import { z } from "zod";

/**
 * The dashboard's time range, as it lives in the URL (?range=6h, or
 * ?range=custom&from=ISO&to=ISO). One parser for the server page, the client and the API.
 */
export const PRESETS = { "1h": 3_600_000, "6h": 21_600_000, "24h": 86_400_000, "7d": 604_800_000 } as const;
export type Preset = keyof typeof PRESETS;
export const DEFAULT_PRESET: Preset = "6h";
const MIN_SPAN_MS = 5 * 60_000;
const MAX_SPAN_MS = 30 * 86_400_000;

export type TimeRange = { preset: Preset | "custom"; from: Date; to: Date };

/** The range's query parameters; exported for the API contract (lib/api/contract). */
export const searchSchema = z
  .object({
    range: z
      .enum(["1h", "6h", "24h", "7d", "custom"], { error: "range must be one of 1h, 6h, 24h, 7d, custom" })
      .default(DEFAULT_PRESET),
    from: z.iso.datetime({ offset: true, error: "from must be an ISO date-time" }).optional(),
    to: z.iso.datetime({ offset: true, error: "to must be an ISO date-time" }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.range !== "custom") return;
    if (!v.from) ctx.addIssue({ code: "custom", path: ["from"], message: "from is required when range=custom" });
    if (!v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "to is required when range=custom" });
    if (v.from && v.to) {
      const span = Date.parse(v.to) - Date.parse(v.from);
      if (span < MIN_SPAN_MS)
        ctx.addIssue({ code: "custom", path: ["to"], message: "to must be at least 5 minutes after from" });
      if (span > MAX_SPAN_MS)
        ctx.addIssue({ code: "custom", path: ["from"], message: "a custom range may span at most 30 days" });
    }
  });

type SearchLike = URLSearchParams | Record<string, string | string[] | undefined>;

function pick(params: SearchLike, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const v = params[key];
  return Array.isArray(v) ? v[0] : v;
}

export type RangeResult = { ok: true; range: TimeRange } | { ok: false; error: z.ZodError };

export function parseTimeRange(params: SearchLike, now: Date): RangeResult {
  const parsed = searchSchema.safeParse({
    range: pick(params, "range"),
    from: pick(params, "from"),
    to: pick(params, "to"),
  });
  if (!parsed.success) return { ok: false, error: parsed.error };
  const { range, from, to } = parsed.data;
  if (range === "custom" && from && to)
    return { ok: true, range: { preset: "custom", from: new Date(from), to: new Date(to) } };
  const preset = range === "custom" ? DEFAULT_PRESET : range;
  return { ok: true, range: { preset, from: new Date(now.getTime() - PRESETS[preset]), to: now } };
}

/** Lenient variant for pages: a bad URL falls back to the default range rather than an error page. */
export function timeRangeOrDefault(params: SearchLike, now: Date): TimeRange {
  const r = parseTimeRange(params, now);
  return r.ok ? r.range : { preset: DEFAULT_PRESET, from: new Date(now.getTime() - PRESETS[DEFAULT_PRESET]), to: now };
}

/** The URL search string for a range (presets stay relative so shared links stay live). */
export function rangeToSearch(range: Pick<TimeRange, "preset"> & Partial<TimeRange>): string {
  if (range.preset !== "custom") return `range=${range.preset}`;
  return `range=custom&from=${range.from?.toISOString() ?? ""}&to=${range.to?.toISOString() ?? ""}`;
}

/**
 * The range part of a URL's search, in a canonical order: the query key shared by the
 * server's prefetch and the browser's refresh, so both address the same cache entry.
 */
export function rangeSearch(params: SearchLike): string {
  const range = pick(params, "range");
  if (range === "custom")
    return `range=custom&from=${encodeURIComponent(pick(params, "from") ?? "")}&to=${encodeURIComponent(pick(params, "to") ?? "")}`;
  return `range=${range && range in PRESETS ? range : DEFAULT_PRESET}`;
}
