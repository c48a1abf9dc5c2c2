// Test harness: a real webhook receiver on loopback, stores in both dialects, a config with chosen checks and webhooks.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { channelTargets, type ChannelTarget } from "@/lib/notifications/channels";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { openStore, type Store, type StoreDb, type StoreTarget } from "@/lib/store/db";
import { postgresUnavailable, startPostgres } from "@/lib/testing/postgres";

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered with; null when it never answered (hung). */
  status: number | null;
}

/** What the receiver does with the next request to a path: answer with a status, or hang. */
export type Behaviour = number | "hang";

export interface Receiver {
  url: (p: string) => string;
  received: Received[];
  /** Accepted (2xx) requests to a path. */
  accepted: (p: string) => Received[];
  /** Queue behaviours for the next requests to `p`; afterwards it answers 200. */
  plan: (p: string, ...behaviours: Behaviour[]) => void;
  close: () => Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const plans = new Map<string, Behaviour[]>();
  const hung = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const p = req.url ?? "/";
      const behaviour = plans.get(p)?.shift() ?? 200;
      const entry: Received = {
        path: p,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        status: null,
      };
      received.push(entry);
      if (behaviour === "hang") {
        hung.add(res);
        return;
      }
      entry.status = behaviour;
      res.writeHead(behaviour, { "content-type": "text/plain" }).end(behaviour < 300 ? "ok" : "no");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    received,
    accepted: (p) => received.filter((r) => r.path === p && r.status !== null && r.status < 300),
    plan: (p, ...bs) => plans.set(p, [...(plans.get(p) ?? []), ...bs]),
    close: async () => {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * One receiver for the whole test file, started before its tests and closed after them; call it
 * at the file's top level. What it returns forwards to the started receiver, so it reads the
 * same as one from `startReceiver`, and throws if used before the start instead of answering.
 */
export function fileReceiver(): Receiver {
  let started: Receiver | undefined;
  beforeAll(async () => {
    started = await startReceiver();
  });
  afterAll(async () => {
    await started?.close();
  });
  const live = () => {
    if (!started) throw new Error("the file's receiver is not started (used outside a test)");
    return started;
  };
  return {
    url: (p) => live().url(p),
    get received() {
      return live().received;
    },
    accepted: (p) => live().accepted(p),
    plan: (p, ...bs) => live().plan(p, ...bs),
    close: () => live().close(),
  };
}

/** The seed config with the given readiness section. */
export function configWith(readiness: unknown): StagingConfig {
  const raw = JSON.parse(fs.readFileSync("staging.config.json", "utf8")) as Record<string, unknown>;
  return parseStagingConfig(JSON.stringify({ ...raw, readiness }), "test-config.json", {});
}

/** A fresh store of one dialect, and how to reach it again. */
export interface OpenedStore {
  store: Store;
  /** Where it lives, for a child process that opens it itself. */
  target: StoreTarget;
  /** A second writer on the same database, as another replica would be; closed by `cleanup`. */
  second: () => Promise<Store>;
  cleanup: () => Promise<void>;
}

export interface TestStore {
  name: string;
  /** Why this store cannot run here, or null. */
  unavailable: string | null;
  /** Whether its writers may be separate processes (SQLite belongs to one process: its lock refuses a second). */
  separateProcesses: boolean;
  open: () => Promise<OpenedStore>;
}

/** Both dialects of the store; each open is a fresh database. */
export const STORES: TestStore[] = [
  {
    name: "SQLite",
    unavailable: null,
    separateProcesses: false,
    open: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-readiness-"));
      const target = { sqlitePath: path.join(dir, "s.sqlite") };
      const store = await openStore(target);
      return {
        store,
        target,
        // One process owns a SQLite store: a second writer is a second caller on it.
        second: async () => store,
        cleanup: async () => {
          await store.close();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: "PostgreSQL",
    unavailable: postgresUnavailable,
    separateProcesses: true,
    open: async () => {
      const pg = await startPostgres();
      const target = { postgresUrl: pg.url };
      const store = await openStore(target);
      const others: Store[] = [];
      return {
        store,
        target,
        // Another replica: its own pool on the same database.
        second: async () => {
          const other = await openStore(target);
          others.push(other);
          return other;
        },
        cleanup: async () => {
          for (const other of others) await other.close();
          await store.close();
          await pg.stop();
        },
      };
    },
  },
];

/**
 * Inside a `describe.each(STORES)`: opens the block's store once and closes it after the block.
 * The getter is for its tests, which skip where the store is unavailable; used anywhere else it
 * throws instead of handing out a closed or missing store.
 */
export function suiteStore({ open, unavailable }: Pick<TestStore, "open" | "unavailable">): () => Store {
  let opened: OpenedStore | undefined;
  beforeAll(async () => {
    if (!unavailable) opened = await open();
  });
  afterAll(async () => {
    await opened?.cleanup();
  });
  return () => {
    if (!opened) throw new Error("this block's store is not open (unavailable here, or read outside a test)");
    return opened.store;
  };
}

/** The one ledger's tables (migration 0015) that a notifications test empties between tests. */
export const LEDGER_TABLES = ["ledger_delivery", "ledger_change", "ledger_state"] as const;

/** Empties the one ledger, so a test starts with no changes, states or deliveries of an earlier one. */
export async function emptyLedger(db: StoreDb): Promise<void> {
  for (const t of LEDGER_TABLES) await db.deleteFrom(t).execute();
}

export type WebhookPaths = { json: string; slack: string };
let pathCount = 0;

/** A ledger test block's store and this test's receiver paths; read them inside a test only. */
export type LedgerSuite = { readonly store: Store; readonly paths: WebhookPaths };

/**
 * Inside a `describe.each(STORES)`: opens the block's store once, and before each test empties
 * the one ledger's tables and hands over receiver paths of its own (named with `prefix`), so a
 * late delivery of one test never lands in the next one's.
 */
export function ledgerStore(
  { open, unavailable }: Pick<TestStore, "open" | "unavailable">,
  prefix: string,
): LedgerSuite {
  const store = suiteStore({ open, unavailable });
  let paths: WebhookPaths | undefined;
  beforeEach(async () => {
    if (unavailable) return;
    pathCount++;
    await emptyLedger(store().db);
    paths = { json: `/${prefix}json-${pathCount}`, slack: `/${prefix}slack-${pathCount}` };
  });
  return {
    get store() {
      return store();
    },
    get paths() {
      if (!paths) throw new Error("this block's receiver paths are handed out before each test only");
      return paths;
    },
  };
}

/**
 * The channels of readiness webhooks (no checks) pointing at the receiver: each of `kinds` at its
 * own path, with the given timeout and attempts (the config's defaults when left out).
 */
export function webhookTargets(
  receiver: Receiver,
  paths: WebhookPaths,
  {
    kinds = ["json", "slack"],
    ...limits
  }: { kinds?: (keyof WebhookPaths)[]; timeoutMs?: number; maxAttempts?: number } = {},
): ChannelTarget[] {
  const webhooks = kinds.map((kind) => ({ url: receiver.url(paths[kind]), kind, ...limits }));
  return channelTargets(configWith({ checks: [], webhooks }), {});
}
