import { NextResponse } from "next/server";
import { z } from "zod";

/** A failure the caller can act on; turned into JSON with its status by `toErrorResponse`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function badRequest(error: z.ZodError): ApiError {
  const issues = error.issues.map((i) => ({ field: i.path.join(".") || "(body)", message: i.message }));
  const first = issues[0];
  return new ApiError(400, "bad_request", first ? `${first.field}: ${first.message}` : "Bad request", { issues });
}

const CODES: Record<number, string> = { 400: "bad_request", 403: "forbidden", 404: "not_found", 409: "conflict" };

/** A domain's refusal as the API's error: a 400 names its field first, as a failed parse does. */
export function refusal(r: { status: number; field?: string; message: string }): ApiError {
  const code = CODES[r.status] ?? "error";
  return r.field
    ? new ApiError(r.status, code, `${r.field}: ${r.message}`, { issues: [{ field: r.field, message: r.message }] })
    : new ApiError(r.status, code, r.message);
}

/** Parses `input` with `schema` or throws a 400 naming the wrong field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw badRequest(result.error);
  return result.data;
}

/** For routes that take no query parameters: the first one given is refused with a 400 naming it. */
export function refuseQuery(params: URLSearchParams): void {
  const extra = [...params.keys()][0];
  if (extra !== undefined)
    throw new ApiError(400, "bad_request", `${extra}: unknown parameter; this route takes none`, {
      issues: [{ field: extra, message: "unknown parameter" }],
    });
}

export function toErrorResponse(err: unknown): NextResponse {
  if (err instanceof ApiError) {
    return NextResponse.json(
      { error: err.code, message: err.message, ...err.extra },
      { status: err.status, headers: err.headers },
    );
  }
  if (err instanceof z.ZodError) return toErrorResponse(badRequest(err));
  console.error("Unhandled API error", err);
  return NextResponse.json({ error: "internal", message: "Internal error; see the server log." }, { status: 500 });
}
