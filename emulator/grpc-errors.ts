import { Metadata, status, type ServiceError } from "@grpc/grpc-js";

/** An RPC failure with a gRPC status code and a message worded the way Google words them. */
export class RpcError extends Error {
  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
    this.name = "RpcError";
  }
}

/** `Field X had an invalid value of "V": reason` — Google's INVALID_ARGUMENT phrasing. */
export function invalidField(field: string, value: string, reason: string): RpcError {
  return new RpcError(status.INVALID_ARGUMENT, `Field ${field} had an invalid value of "${value}": ${reason}`);
}

export function invalidArgument(message: string): RpcError {
  return new RpcError(status.INVALID_ARGUMENT, message);
}

export function unimplemented(what: string): RpcError {
  return new RpcError(status.UNIMPLEMENTED, `The Stagewatch emulator does not implement ${what}.`);
}

export function toServiceError(err: unknown): Partial<ServiceError> {
  if (err instanceof RpcError) return { code: err.code, details: err.message, metadata: new Metadata() };
  console.error("[emulator] internal error", err);
  return { code: status.INTERNAL, details: "Internal error in the emulator; see its log.", metadata: new Metadata() };
}
