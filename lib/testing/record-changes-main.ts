/**
 * One replica's look at the audit log's changes, as a process of its own, for the test that two
 * processes recording the same change owe one delivery per channel (lib/notifications/producers.test.ts). Run
 * with `node --conditions=react-server --import tsx lib/testing/record-changes-main.ts
 * '<json>'`; prints how many changes this process recorded.
 */
import type { Change } from "@/lib/changes/core/types";
import { NO_MAINTENANCE } from "@/lib/maintenance/core/held";
import { openStore, type StoreTarget } from "@/lib/store/db";
import { channelTargets } from "@/lib/notifications/channels";
import { recordChanges } from "@/lib/notifications/producers";
import { configWithChannels } from "@/lib/notifications/testing";

type Input = {
  target: StoreTarget;
  notifications: unknown;
  secrets: Record<string, string>;
  changes: Change[];
  now: number;
  baseUrl: string | null;
};

const input = JSON.parse(process.argv[2] ?? "{}") as Input;
const store = await openStore(input.target);
try {
  const config = configWithChannels(input.notifications);
  const ctx = {
    db: store.db,
    config,
    channels: channelTargets(config, input.secrets),
    hold: NO_MAINTENANCE,
    baseUrl: input.baseUrl,
    now: input.now,
  };
  process.stdout.write(`recorded ${await recordChanges(ctx, input.changes)}\n`);
} finally {
  await store.close();
}
