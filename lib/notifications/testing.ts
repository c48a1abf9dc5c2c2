// Test harness for channels: a loopback SMTP receiver (smtp-server) and a config with channels.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { parseStagingConfig } from "@/lib/config/staging-config";
import type { StagingConfig } from "@/lib/config/staging-schema";

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
