import { readFileSync } from "node:fs";
import path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
// google-gax decodes status details with its own grpc-js copy: its Metadata is the one to hand it.
import { grpc as gax, protobuf } from "google-gax";
import { afterAll, beforeAll } from "vitest";
import { createGcpClients, type GcpClients } from "./clients";

/**
 * A real gRPC server for tests, built from the protos that ship inside the Google client
 * packages: it records every request and answers with whatever the test scripted, so a
 * test can assert both the request the client sent and how the answer was parsed.
 */

const root = path.resolve(process.cwd(), "node_modules");
const includeDirs = [
  path.join(root, "@google-cloud/monitoring/build/protos"),
  // @google-cloud/logging 11 ships no protos of its own; its generated client lives in
  // @google-cloud/logging-api.
  path.join(root, "@google-cloud/logging-api/build/protos"),
  path.join(root, "google-gax/build/protos"),
];

// Same options the clients decode with (google-gax grpc.js): int64 as strings, enums as names.
const loaderOptions: protoLoader.Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs,
};

type ServiceCtor = grpc.ServiceClientConstructor;

function serviceOf(file: string, dotted: string): ServiceCtor {
  const def = protoLoader.loadSync(file, loaderOptions);
  const pkg = grpc.loadPackageDefinition(def);
  let node: unknown = pkg;
  for (const part of dotted.split(".")) node = (node as Record<string, unknown>)[part];
  return node as ServiceCtor;
}

export type Reply =
  { error: { code: grpc.status; details: string; metadata?: grpc.Metadata } } | { response: object; delayMs?: number };
export type Responder = (request: Record<string, unknown>, callIndex: number) => Reply | Promise<Reply>;

export type FakeGoogle = {
  host: string;
  port: number;
  /** Every ListTimeSeries / ListLogEntries request, in arrival order. */
  timeSeriesRequests: Record<string, unknown>[];
  logRequests: Record<string, unknown>[];
  onListTimeSeries(responder: Responder): void;
  onListLogEntries(responder: Responder): void;
  close(): Promise<void>;
};

function handler(requests: Record<string, unknown>[], get: () => Responder) {
  return (call: grpc.ServerUnaryCall<Record<string, unknown>, object>, callback: grpc.sendUnaryData<object>) => {
    const index = requests.length;
    requests.push(call.request);
    void Promise.resolve(get()(call.request, index)).then(
      (reply) => {
        if ("error" in reply) {
          callback({
            code: reply.error.code,
            details: reply.error.details,
            metadata: reply.error.metadata ?? new grpc.Metadata(),
          });
          return;
        }
        const send = () => callback(null, reply.response);
        if (reply.delayMs) setTimeout(send, reply.delayMs).unref();
        else send();
      },
      (err: Error) => callback({ code: grpc.status.INTERNAL, details: err.message }),
    );
  };
}

export async function startFakeGoogle(): Promise<FakeGoogle> {
  const metricService = serviceOf("google/monitoring/v3/metric_service.proto", "google.monitoring.v3.MetricService");
  const loggingService = serviceOf("google/logging/v2/logging.proto", "google.logging.v2.LoggingServiceV2");
  const timeSeriesRequests: Record<string, unknown>[] = [];
  const logRequests: Record<string, unknown>[] = [];
  let onSeries: Responder = () => ({ response: { timeSeries: [] } });
  let onLogs: Responder = () => ({ response: { entries: [] } });
  // Methods left out answer UNIMPLEMENTED (grpc-js's default handler).
  const server = new grpc.Server();
  server.addService(metricService.service, { listTimeSeries: handler(timeSeriesRequests, () => onSeries) });
  server.addService(loggingService.service, { listLogEntries: handler(logRequests, () => onLogs) });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    host: "127.0.0.1",
    port,
    timeSeriesRequests,
    logRequests,
    onListTimeSeries: (r) => void (onSeries = r),
    onListLogEntries: (r) => void (onLogs = r),
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}

/**
 * `grpc-status-details-bin` metadata carrying a google.rpc.RetryInfo, as Google attaches to
 * quota errors; encoded with the same status protos google-gax decodes with.
 */
export function retryInfoMetadata(retrySeconds: number): gax.Metadata {
  const root = protobuf.Root.fromJSON(
    JSON.parse(readFileSync(path.resolve(process.cwd(), "node_modules/google-gax/build/protos/status.json"), "utf8")),
  );
  const RetryInfo = root.lookupType("google.rpc.RetryInfo");
  const Status = root.lookupType("google.rpc.Status");
  const detail = RetryInfo.encode(RetryInfo.create({ retryDelay: { seconds: retrySeconds } })).finish();
  const status = Status.encode(
    Status.create({
      code: gax.status.RESOURCE_EXHAUSTED,
      message: "Quota exceeded",
      details: [{ type_url: "type.googleapis.com/google.rpc.RetryInfo", value: detail }],
    }),
  ).finish();
  const md = new gax.Metadata();
  md.set("grpc-status-details-bin", Buffer.from(status));
  return md;
}

/**
 * For a test file or block: a fake Google on loopback started before it, clients of both APIs
 * pointed at it (never at Google), and all of them closed after it. `use` hands them over.
 */
export function withFakeGoogle(use: (fake: FakeGoogle, clients: GcpClients) => void): void {
  let opened: { fake: FakeGoogle; clients: GcpClients } | undefined;
  beforeAll(async () => {
    const fake = await startFakeGoogle();
    const host = `${fake.host}:${fake.port}`;
    opened = {
      fake,
      clients: createGcpClients({
        projectId: "netra-staging",
        monitoringEmulatorHost: host,
        loggingEmulatorHost: host,
      }),
    };
    use(opened.fake, opened.clients);
  });
  afterAll(async () => {
    await opened?.clients.monitoring.close();
    await opened?.clients.logging.close();
    await opened?.fake.close();
  });
}
