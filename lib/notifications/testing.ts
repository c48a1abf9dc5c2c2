// Test harness for channels: a loopback SMTP receiver (smtp-server) and a config with channels.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { parseStagingConfig } from "@/lib/config/staging-config";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { maintenanceHold, NO_MAINTENANCE, type MaintenanceHold } from "@/lib/maintenance/core/held";
import type { MaintenanceWindow } from "@/lib/config/core/maintenance/types";
import type { StoreDb } from "@/lib/store/db";
import { channelTargets, type ChannelTarget } from "./channels";
import type { ProbeEvidence } from "@/lib/probes/core/evidence";
import { probeEvent, probeState, probeSubject, routeEventOf } from "./events";
import { recordState } from "./ledger";
import type { LedgerKind } from "./ledger-rows";
import { planFor } from "./plan";

export type Mail = { from: string; to: string[]; raw: string };

export interface MailReceiver {
  port: number;
  mails: Mail[];
  close: () => Promise<void>;
}

/** A real SMTP server on 127.0.0.1 without TLS (loopback), keeping every message as received. */
export async function startMailReceiver(): Promise<MailReceiver> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const from = session.envelope.mailFrom;
        mails.push({
          from: from ? from.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The "leads" email channel of the tests' configs, sending to `mail` (the receiver above, no TLS). */
export function leadsMailChannel(mail: Pick<MailReceiver, "port">, limits: { timeoutMs?: number } = {}) {
  return {
    id: "leads",
    kind: "email",
    smtp: { host: "127.0.0.1", port: mail.port },
    from: "stagewatch@example.com",
    to: ["leads@example.com"],
    ...limits,
  } as const;
}

/** The header block of a raw message, unfolded: one entry per header line. */
export function headerLines(raw: string): string[] {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
  return head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/);
}

/** The seed config with the given notifications section (and readiness section). */
export function configWithChannels(notifications: unknown, readiness: unknown = { checks: [] }): StagingConfig {
  const raw = JSON.parse(fs.readFileSync("staging.config.json", "utf8")) as Record<string, unknown>;
  return parseStagingConfig(JSON.stringify({ ...raw, readiness, notifications }), "test-config.json", {});
}

/** The maintenance hold routing gets at `at`: a window over all of staging running then, or none. */
export function holdAt(held: boolean, at: number): MaintenanceHold {
  if (!held) return NO_MAINTENANCE;
  const window: MaintenanceWindow = {
    id: "w-test",
    scope: "everything",
    reason: "connector migration",
    startsAt: at - 60_000,
    endsAt: at + 60_000,
    createdBy: "test",
    source: "api",
    recurrence: null,
    endedEarly: null,
  };
  return maintenanceHold([window], () => ["everything"], at);
}

/** One JSON channel "hook" (not `duringMaintenance`), and optionally one "ops" that is. */
export function maintenanceChannels(opsDuringMaintenance = false): { config: StagingConfig; targets: ChannelTarget[] } {
  const config = configWithChannels({
    channels: [
      { id: "hook", kind: "json", urlEnv: "NOTIFY_HOOK" },
      ...(opsDuringMaintenance ? [{ id: "ops", kind: "json", urlEnv: "NOTIFY_OPS", duringMaintenance: true }] : []),
    ],
  });
  const secrets = { NOTIFY_HOOK: "http://127.0.0.1:9/hook", NOTIFY_OPS: "http://127.0.0.1:9/ops" };
  return { config, targets: channelTargets(config, secrets) };
}

/** One change a kind's channels are owed: its states and its stored payload (parsed). */
export type OwedChange = { from: string | null; to: string; payload: unknown };

/** The changes of one kind with a delivery not held for maintenance, in change order. */
export async function owedChanges(db: StoreDb, kind: LedgerKind): Promise<OwedChange[]> {
  const rows = await db
    .selectFrom("ledger_delivery")
    .innerJoin("ledger_change", "ledger_change.id", "ledger_delivery.change_id")
    .select(["ledger_change.from_state as from", "ledger_change.to_state as to", "ledger_change.payload as payload"])
    .where("ledger_delivery.kind", "=", kind)
    .where("ledger_delivery.status", "!=", "held")
    .orderBy("ledger_change.seq")
    .execute();
  return rows.map((r) => ({ from: r.from, to: r.to, payload: JSON.parse(r.payload) as unknown }));
}

/**
 * Records one look at a golden-path probe as the watcher does outside maintenance: its state
 * changes are routed to `env`'s channels, the message links to `url` (or to no page).
 */
export function recordProbe(
  db: StoreDb,
  env: { config: StagingConfig; targets: readonly ChannelTarget[] },
  p: ProbeEvidence,
  at: number,
  url: string | null = null,
): Promise<string | null> {
  const subject = probeSubject(p.name);
  const to = probeState(p);
  return recordState(db, {
    subject,
    state: to,
    checkedAt: at,
    plan: (from) => planFor(routeEventOf({ event: "probe.changed", subject, from, to }), env.config, env.targets),
    payload: (id, from) => probeEvent(id, from, p, at, url),
  });
}
