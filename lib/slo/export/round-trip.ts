import { createRequire } from "node:module";
import { protos } from "@google-cloud/monitoring";
import { fromProto3JSON, toProto3JSON, type JSONValue } from "proto3-json-serializer";
import protobuf from "protobufjs";

/**
 * Checks exported JSON against the real message types of @google-cloud/monitoring: the API
 * JSON is parsed with Google's proto3-JSON rules against the package's own descriptors,
 * encoded to protobuf bytes, decoded by the generated `protos.google.monitoring.v3.*` class,
 * encoded again and turned back into JSON. Anything the API would not accept — an unknown
 * field, a wrong enum name, a malformed duration — fails on the way in or comes back changed.
 */

const require = createRequire(import.meta.url);
let root: protobuf.Root | undefined;
function descriptors(): protobuf.Root {
  root ??= protobuf.Root.fromJSON(require("@google-cloud/monitoring/build/protos/protos.json") as protobuf.INamespace);
  return root;
}

type Generated = {
  decode(bytes: Uint8Array): object;
  encode(m: object): { finish(): Uint8Array };
  toObject(m: object, o: object): Record<string, unknown>;
};

export const MESSAGE_TYPES = {
  Service: protos.google.monitoring.v3.Service,
  ServiceLevelObjective: protos.google.monitoring.v3.ServiceLevelObjective,
  AlertPolicy: protos.google.monitoring.v3.AlertPolicy,
} as const;
export type MessageName = keyof typeof MESSAGE_TYPES;

export type RoundTrip = { json: JSONValue; message: Record<string, unknown> };

/** JSON → bytes → generated message → bytes → JSON; `message` is the form the gRPC client takes. */
export function roundTrip(name: MessageName, json: unknown): RoundTrip {
  const type = descriptors().lookupType(`google.monitoring.v3.${name}`);
  const parsed = fromProto3JSON(type, json as JSONValue);
  if (!parsed) throw new Error(`${name}: not valid proto3 JSON`);
  const generated = MESSAGE_TYPES[name] as unknown as Generated;
  const decoded = generated.decode(type.encode(parsed).finish());
  const back = type.decode(generated.encode(decoded).finish());
  return {
    json: toProto3JSON(back),
    message: generated.toObject(decoded, { longs: String, enums: String, defaults: false }),
  };
}
