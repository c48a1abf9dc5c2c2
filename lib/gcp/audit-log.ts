import protobuf from "protobufjs";
import { fromProto3JSON, toProto3JSON, type JSONValue } from "proto3-json-serializer";
import { z } from "zod";
import type { JsonObject } from "@/lib/changes/core/types";
import { AUDIT_LOG_PROTO, RPC_STATUS_PROTO } from "./audit-log-proto";

/**
 * google.cloud.audit.AuditLog, the protoPayload of every Cloud Audit Logs entry. The Logging
 * client hands it over as a google.protobuf.Any (type_url + bytes); this decodes the bytes with
 * the vendored proto and checks the result with zod. Also used by the emulator to encode.
 */

export const AUDIT_LOG_TYPE_URL = "type.googleapis.com/google.cloud.audit.AuditLog";

let type: protobuf.Type | undefined;

function auditLogType(): protobuf.Type {
  if (type) return type;
  const root = new protobuf.Root();
  const struct = protobuf.common.get("google/protobuf/struct.proto");
  if (struct?.nested) root.addJSON(struct.nested);
  protobuf.parse(RPC_STATUS_PROTO, root, { keepCase: false });
  protobuf.parse(AUDIT_LOG_PROTO, root, { keepCase: false });
  type = root.lookupType("google.cloud.audit.AuditLog");
  return type;
}

const jsonObject = z.record(z.string(), z.json()) as unknown as z.ZodType<JsonObject>;

/** The AuditLog in its proto3 JSON form (camelCase, Structs as plain JSON), only what is read. */
export const auditLogSchema = z.object({
  serviceName: z.string().default(""),
  methodName: z.string().default(""),
  resourceName: z.string().default(""),
  status: z.object({ code: z.number().int().default(0), message: z.string().default("") }).optional(),
  authenticationInfo: z.object({ principalEmail: z.string().optional() }).optional(),
  request: jsonObject.optional(),
  response: jsonObject.optional(),
  metadata: jsonObject.optional(),
});
export type AuditLogJson = z.infer<typeof auditLogSchema>;

/** An Any's payload bytes, or null when it is not an AuditLog (or carries none). */
export function decodeAuditLog(any: {
  type_url?: string | null;
  typeUrl?: string | null;
  value?: Uint8Array | string | null;
}): AuditLogJson | null {
  const url = any.type_url ?? any.typeUrl ?? "";
  if (url !== AUDIT_LOG_TYPE_URL || !any.value) return null;
  // protobufjs hands bytes over as a Buffer; its JSON form would be base64.
  const bytes = typeof any.value === "string" ? Buffer.from(any.value, "base64") : any.value;
  const message = auditLogType().decode(bytes);
  const parsed = auditLogSchema.safeParse(toProto3JSON(message));
  return parsed.success ? parsed.data : null;
}

/** AuditLog JSON → the bytes of an Any's value (the emulator writes entries with it). */
export function encodeAuditLog(json: AuditLogJson): Uint8Array {
  const t = auditLogType();
  const message = fromProto3JSON(t, json as unknown as JSONValue);
  if (!message) throw new Error("not a valid AuditLog");
  return t.encode(message).finish();
}
