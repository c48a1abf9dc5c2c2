import { signedHeaders } from "./signing";

/** Where a POST goes and how long an attempt may take. */
export type PostTarget = { url: string; timeoutMs: number };

/** How much of a receiver's answer is kept (shown on the Notifications page): a 10 MB answer is not read. */
export const ANSWER_BYTES = 2_048;

/** The first bytes of a body, then the rest is dropped unread (the connection is closed). */
async function firstBytes(res: Response, max: number): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, max).toString("utf8");
}

/**
 * One POST of a JSON body. Anything but a 2xx answer is a failure; redirects are refused (a
 * signed body, or one holding a routing key, is not re-sent elsewhere). The timeout covers the
 * whole attempt, answer included; `abort` ends it sooner. Returns the receiver's answer, e.g. "HTTP 202 {"status":…}".
 */
export async function postJson(
  target: PostTarget,
  body: string,
  headers: Record<string, string>,
  abort?: AbortSignal,
): Promise<string> {
  const timeout = AbortSignal.timeout(target.timeoutMs);
  const signal = abort ? AbortSignal.any([timeout, abort]) : timeout;
  const res = await fetch(target.url, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "user-agent": "Stagewatch", ...headers },
    redirect: "error",
    signal,
  });
  const answer = `HTTP ${res.status} ${(await firstBytes(res, ANSWER_BYTES)).trim()}`.trim();
  if (!res.ok) throw new Error(answer.slice(0, 300));
  return answer;
}

/**
 * A POST signed the Standard Webhooks way when a secret is configured
 * (STAGEWATCH_WEBHOOK_SECRET), with the event id as `webhook-id` on every retry.
 */
export function postSigned(
  target: PostTarget,
  body: string,
  id: string,
  event: string,
  secret: string | undefined,
  nowMs = Date.now(),
  abort?: AbortSignal,
): Promise<string> {
  return postJson(
    target,
    body,
    {
      "x-stagewatch-event": event,
      "x-stagewatch-delivery": id,
      ...(secret ? signedHeaders(secret, id, nowMs, body) : {}),
    },
    abort,
  );
}
