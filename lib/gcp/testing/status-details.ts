import { readFileSync } from "node:fs";
import path from "node:path";
import { grpc, protobuf } from "google-gax";

/**
 * `grpc-status-details-bin` metadata carrying a google.rpc.RetryInfo, as Google attaches to
 * quota errors; encoded with the same status protos google-gax decodes with.
 */
export function retryInfoMetadata(retrySeconds: number): grpc.Metadata {
  const root = protobuf.Root.fromJSON(
    JSON.parse(readFileSync(path.resolve(process.cwd(), "node_modules/google-gax/build/protos/status.json"), "utf8")),
  );
  const RetryInfo = root.lookupType("google.rpc.RetryInfo");
  const Status = root.lookupType("google.rpc.Status");
  const detail = RetryInfo.encode(RetryInfo.create({ retryDelay: { seconds: retrySeconds } })).finish();
  const status = Status.encode(
    Status.create({
      code: grpc.status.RESOURCE_EXHAUSTED,
      message: "Quota exceeded",
      details: [{ type_url: "type.googleapis.com/google.rpc.RetryInfo", value: detail }],
    }),
  ).finish();
  const md = new grpc.Metadata();
  md.set("grpc-status-details-bin", Buffer.from(status));
  return md;
}
