import { z } from "zod";
import { endpointAlertSchema, importAlerting, type AlertingImport, type EndpointAlert } from "./alerting";
import { DNS_QUERY_TYPES, probeSchema } from "@/lib/config/core/staging-schema";
import { parseCondition, placeholdersOf } from "@/lib/conditions/core";
import { toMilliseconds } from "@/lib/core/expr/durations";
import { expiryDomainOf } from "@/lib/config/core/probe-kinds/expiry-domain";
import { probeTypeNamed } from "@/lib/config/core/probe-kinds";

/**
 * Turns a Gatus `endpoints:` list into Stagewatch probes, with a line for everything that could
 * not be carried over (so nothing is dropped silently). Pure: YAML in as parsed data, probes and
 * the report out; `scripts/import-gatus.ts` does the file work.
 */

const gatusDuration = z.string().regex(/^(\d+(?:\.\d+)?(ms|s|m|h))+$/, "must be a Go duration such as 30s, 5m or 1h");
const endpointSchema = z.looseObject({
  name: z.string().min(1),
  group: z.string().optional(),
  enabled: z.boolean().optional(),
  url: z.string().min(1),
  method: z.string().optional(),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  body: z.string().optional(),
  interval: gatusDuration.optional(),
  conditions: z.array(z.string()).default([]),
  client: z.looseObject({ insecure: z.boolean().optional(), timeout: gatusDuration.optional() }).optional(),
  dns: z.looseObject({ "query-name": z.string().min(1), "query-type": z.string().min(1) }).optional(),
  alerts: z
    .array(
      endpointAlertSchema.extend({
        "failure-threshold": z.int().optional(),
        "success-threshold": z.int().optional(),
      }),
    )
    .optional(),
});
const gatusConfigSchema = z.looseObject({
  endpoints: z.array(z.unknown()).min(1, "no endpoints to import"),
  alerting: z.unknown().optional(),
});

export interface ImportResult {
  /** Probe objects as the staging config takes them (already valid against the probe schema). */
  probes: Record<string, unknown>[];
  /** Channels and rules for the alert providers the endpoints use (./gatus-alerting.ts). */
  notifications: Omit<AlertingImport, "report">;
  /** One line per thing not carried over, naming the endpoint. */
  report: string[];
}

function durationMs(text: string): number {
  let ms = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) ms += toMilliseconds(Number(m[1]), m[2] ?? "s") ?? 0;
  return ms;
}

/** Gatus names are free text; Stagewatch names are slugs (they appear in URLs). */
export function slugOf(group: string | undefined, name: string): string {
  const raw = [group, name].filter(Boolean).join("-").toLowerCase();
  const slug = raw
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63);
  return /^[a-z]/.test(slug) ? slug : `p-${slug}`.slice(0, 63);
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

type Endpoint = z.infer<typeof endpointSchema>;
type Target = { type: "http" | "tcp" | "websocket" | "dns"; fields: Record<string, unknown> } | { skip: string };

/** Gatus's DNS endpoints name the nameserver as `host` or `host:port` (port 53 by default). */
function dnsTarget(e: Endpoint, dns: NonNullable<Endpoint["dns"]>): Target {
  const server = /^(\[[^\]]+\]|[^:/\s]+)(?::(\d+))?$/.exec(e.url);
  if (!server) return { skip: `DNS nameserver "${e.url}" must be host or host:port` };
  const queryType = dns["query-type"].toUpperCase();
  if (!(DNS_QUERY_TYPES as readonly string[]).includes(queryType))
    return { skip: `DNS query type ${dns["query-type"]} is not supported (${DNS_QUERY_TYPES.join(", ")} are)` };
  const host = server[1]?.replace(/^\[|\]$/g, "");
  const port = server[2] ? Number(server[2]) : 53;
  return { type: "dns", fields: { host, port, dns: { queryName: dns["query-name"], queryType } } };
}

function targetOf(e: Endpoint): Target {
  if (e.dns) return dnsTarget(e, e.dns);
  if (/^https?:\/\//i.test(e.url)) return { type: "http", fields: { url: e.url } };
  if (/^wss?:\/\//i.test(e.url)) return { type: "websocket", fields: { url: e.url } };
  const tcp = /^tcp:\/\/(\[[^\]]+\]|[^:/]+):(\d+)\/?$/i.exec(e.url);
  if (tcp) return { type: "tcp", fields: { host: tcp[1]?.replace(/^\[|\]$/g, ""), port: Number(tcp[2]) } };
  if (/^tcp:\/\//i.test(e.url)) return { skip: `URL "${e.url}" needs a host and a port (tcp://host:port)` };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(e.url)?.[1]?.toLowerCase();
  if ("grpc" in e) return { skip: "gRPC endpoints are not supported" };
  if (scheme) return { skip: `${scheme}:// endpoints are not supported (http, https, tcp, ws and wss are)` };
  return { skip: `URL "${e.url}" has no scheme Stagewatch can probe` };
}

function convert(e: Endpoint, report: (line: string) => void): Record<string, unknown> | null {
  const label = e.group ? `${e.group}/${e.name}` : e.name;
  const say = (line: string) => report(`${label}: ${line}`);
  const skip = (why: string) => {
    say(`skipped, ${why}`);
    return null;
  };
  if (e.enabled === false) return skip("it is disabled in Gatus");
  const target = targetOf(e);
  if ("skip" in target) return skip(target.skip);
  const probe: Record<string, unknown> = { name: slugOf(e.group, e.name), type: target.type, ...target.fields };
  if (e.group) probe.description = `Imported from Gatus (group ${e.group})`.slice(0, 200);
  if (e.interval) {
    const seconds = Math.round(durationMs(e.interval) / 1000);
    probe.intervalSeconds = clamp(seconds, 5, 3600);
    if (probe.intervalSeconds !== seconds)
      say(`interval ${e.interval} is outside 5 s–1 h, using ${String(probe.intervalSeconds)} s`);
  }
  if (e.client?.timeout) probe.timeoutMs = clamp(durationMs(e.client.timeout), 100, 60_000);
  if (target.type === "http") {
    if (e.method) probe.method = e.method.toUpperCase();
    if (e.headers) probe.headers = Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k, String(v)]));
    if (e.body !== undefined) probe.body = e.body;
    if (e.client?.insecure) probe.insecureTls = true;
  } else if (e.method || e.headers || e.body)
    say(`method, headers and body only apply to http probes and were left out`);
  if (target.type === "websocket")
    say("Stagewatch signs a JWT for the WebSocket handshake (PROBE_JWT_SECRET); Gatus's body message is not sent");
  const conditions: string[] = [];
  // The staging config refuses [DOMAIN_EXPIRATION] on a name that is no registrable domain (an IP address).
  const domainHost =
    target.type === "http" && URL.canParse(e.url)
      ? new URL(e.url).hostname
      : target.type === "dns"
        ? e.dns?.["query-name"]
        : undefined;
  const domain = domainHost === undefined ? null : expiryDomainOf(domainHost);
  for (const text of e.conditions) {
    const parsed = parseCondition(text, probeTypeNamed(target.type));
    if (!parsed.ok) say(`condition left out: ${parsed.error}`);
    else if (domain?.ok === false && placeholdersOf(parsed.condition).includes("DOMAIN_EXPIRATION"))
      say(`condition left out: "${text}": ${domain.reason}`);
    else conditions.push(text);
  }
  if (e.conditions.length > 0 && conditions.length === 0)
    return skip("none of its conditions can be checked by Stagewatch");
  probe.conditions = conditions;
  const alert = e.alerts?.[0];
  if (alert) {
    const failAfter = alert["failure-threshold"];
    const recoverAfter = alert["success-threshold"];
    if (failAfter || recoverAfter)
      probe.flap = {
        ...(failAfter ? { failAfter: clamp(failAfter, 1, 20) } : {}),
        ...(recoverAfter ? { recoverAfter: clamp(recoverAfter, 1, 20) } : {}),
      };
    if (failAfter || recoverAfter)
      say("alert thresholds are not per alert in Stagewatch: the first alert's became the probe's flap control");
  }
  const checked = probeSchema.safeParse(probe);
  if (!checked.success) {
    return skip(
      `invalid as a probe: ${checked.error.issues.map((i) => `${i.path.join(".") || "(probe)"} ${i.message}`).join("; ")}`,
    );
  }
  return probe;
}

/** Converts a parsed Gatus config; names that clash with `existing` (or each other) are reported, not overwritten. */
export function importGatus(
  config: unknown,
  existing: readonly string[] = [],
  notifications: Parameters<typeof importAlerting>[2] = { channels: [], rules: undefined },
): ImportResult {
  const report: string[] = [];
  const none = { channels: [], rules: [], secrets: [] };
  const top = gatusConfigSchema.safeParse(config);
  if (!top.success)
    return {
      probes: [],
      notifications: none,
      report: top.error.issues.map((i) => `config ${i.path.join(".") || "(root)"}: ${i.message}`),
    };
  const alerts: { probe: string; alerts: EndpointAlert[] }[] = [];
  const taken = new Set(existing);
  const probes: Record<string, unknown>[] = [];
  top.data.endpoints.forEach((raw, i) => {
    const e = endpointSchema.safeParse(raw);
    if (!e.success) {
      report.push(
        `endpoints[${i}]: skipped, ${e.error.issues.map((x) => `${x.path.join(".") || "(endpoint)"} ${x.message}`).join("; ")}`,
      );
      return;
    }
    const probe = convert(e.data, (line) => report.push(line));
    if (!probe) return;
    if (taken.has(String(probe.name))) {
      report.push(`${e.data.name}: skipped, a probe named ${String(probe.name)} already exists`);
      return;
    }
    taken.add(String(probe.name));
    probes.push(probe);
    if (e.data.alerts?.length) alerts.push({ probe: String(probe.name), alerts: e.data.alerts });
  });
  const { report: alertReport, ...made } = importAlerting(top.data.alerting, alerts, notifications);
  return { probes, notifications: made, report: [...report, ...alertReport] };
}
