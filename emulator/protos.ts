import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { createEncoder, type Encoder } from "./fast-encoder";

/**
 * Loads the Monitoring and Logging service definitions from the .proto files shipped inside
 * the Google client packages (no copies here). @google-cloud/logging 11 keeps its protos in its
 * dependency @google-cloud/logging-api, so that one is resolved from logging's own location.
 */

const require = createRequire(import.meta.url);

/** The directory of the installed package that `entry` (a resolved file) belongs to. */
function packageRoot(entry: string, name: string): string {
  let dir = path.dirname(entry);
  while (dir !== path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === name)
      return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`Cannot find the package root of ${name} from ${entry}`);
}

export function protoIncludeDirs(): string[] {
  const monitoring = packageRoot(require.resolve("@google-cloud/monitoring"), "@google-cloud/monitoring");
  const logging = packageRoot(require.resolve("@google-cloud/logging"), "@google-cloud/logging");
  const loggingRequire = createRequire(path.join(logging, "package.json"));
  const loggingApi = packageRoot(loggingRequire.resolve("@google-cloud/logging-api"), "@google-cloud/logging-api");
  const gax = packageRoot(require.resolve("google-gax"), "google-gax");
  return [path.join(monitoring, "build/protos"), path.join(loggingApi, "build/protos"), path.join(gax, "build/protos")];
}

export interface GoogleServices {
  metricService: grpc.ServiceDefinition;
  loggingService: grpc.ServiceDefinition;
  /** Encodes messages of the loaded types (full names) the fast way. */
  encoder: Encoder;
  definition: protoLoader.PackageDefinition;
}

interface ServiceHolder {
  service: grpc.ServiceDefinition;
}

/**
 * The package definition of `files` (paths under the protos' include dirs), loaded with the
 * options every emulated service shares: camelCase fields, int64 and enums as strings, no
 * defaults filled in, the set member of a oneof named.
 */
export function loadProtos(files: string[]): protoLoader.PackageDefinition {
  return protoLoader.loadSync(files, {
    includeDirs: protoIncludeDirs(),
    keepCase: false,
    longs: String,
    enums: String,
    defaults: false,
    oneofs: true,
  });
}

/** The service at `dotted` (such as google.logging.v2.MetricsServiceV2) in a loaded package. */
export function serviceAt(root: grpc.GrpcObject, dotted: string): grpc.ServiceDefinition {
  let node: unknown = root;
  for (const part of dotted.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  const holder = node as ServiceHolder | undefined;
  if (!holder?.service) throw new Error(`${dotted} not found in the loaded protos`);
  return holder.service;
}

let cached: GoogleServices | undefined;

export function loadGoogleServices(): GoogleServices {
  if (cached) return cached;
  const definition = loadProtos(["google/monitoring/v3/metric_service.proto", "google/logging/v2/logging.proto"]);
  const root = grpc.loadPackageDefinition(definition);
  const encoder = createEncoder(definition);
  /** Same service, with the big responses serialised by the descriptor-driven encoder. */
  const fast = (service: grpc.ServiceDefinition, method: string, responseType: string): grpc.ServiceDefinition => {
    const original = service[method];
    if (!original) throw new Error(`${method} missing from the service definition`);
    return {
      ...service,
      [method]: { ...original, responseSerialize: (value: object) => encoder.encode(responseType, value) },
    };
  };
  cached = {
    metricService: fast(
      serviceAt(root, "google.monitoring.v3.MetricService"),
      "ListTimeSeries",
      "google.monitoring.v3.ListTimeSeriesResponse",
    ),
    loggingService: fast(
      serviceAt(root, "google.logging.v2.LoggingServiceV2"),
      "ListLogEntries",
      "google.logging.v2.ListLogEntriesResponse",
    ),
    encoder,
    definition,
  };
  return cached;
}
