import type { handleUnaryCall } from "@grpc/grpc-js";
import { toServiceError } from "./grpc-errors";

/** Wraps a synchronous request → response function as a gRPC unary handler. */
export function unary<Req, Res>(fn: (request: Req) => Res): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    try {
      callback(null, fn(call.request));
    } catch (err) {
      callback(toServiceError(err));
    }
  };
}
