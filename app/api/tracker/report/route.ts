// GET /api/tracker/report — leadership report: verdict, phase progress, criteria with evidence, changes (?format=md|json, since)
import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/base/api-error";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { historySince } from "@/lib/tracker/history";
import { queryOf } from "@/lib/tracker/http";
import { buildReport, reportMarkdown } from "@/lib/tracker/report";
import { reportQuerySchema } from "@/lib/tracker/schemas";
import { trackerView } from "@/lib/tracker/service";
import { defaultTrackerContext } from "@/lib/tracker/state";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Without `since`, the report covers the last 7 days of changes. */
const DEFAULT_SINCE_MS = 7 * 86_400_000;

export const GET = withAccess("GET /api/tracker/report", async (req) => {
  const { format, since } = parseOrThrow(reportQuerySchema, queryOf(req));
  const now = Date.now();
  const sinceMs = since ? Date.parse(since.length === 10 ? `${since}T00:00:00Z` : since) : now - DEFAULT_SINCE_MS;
  const ctx = await defaultTrackerContext();
  const view = await trackerView(ctx, now);
  const report = buildReport(view, await historySince(ctx, sinceMs), new Date(sinceMs).toISOString(), now);
  if (format === "json") return NextResponse.json(report, { headers: NO_STORE });
  return new NextResponse(reportMarkdown(report), {
    headers: {
      ...NO_STORE,
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `inline; filename="incident-${view.incident.id}-report.md"`,
    },
  });
});
