import { signedHeaders } from "./signing";

/** Where a webhook goes: its URL and how long an attempt may take. */
export type PostTarget = { url: string; timeoutMs: number };

/**
 * One delivery attempt: a POST signed the Standard Webhooks way when a secret is configured
 * (STAGEWATCH_WEBHOOK_SECRET), with the event id as `webhook-id` on every retry. Anything but a
 * 2xx answer is a failure; redirects are refused (a signed body is not re-sent elsewhere).
 */
export async function postSigned(
  target: PostTarget,
  body: string,
  id: string,
  event: string,
  secret: string | undefined,
  nowMs = Date.now(),
): Promise<void> {
  const res = await fetch(target.url, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "user-agent": "Stagewatch",
      "x-stagewatch-event": event,
      "x-stagewatch-delivery": id,
      ...(secret ? signedHeaders(secret, id, nowMs, body) : {}),
    },
    redirect: "error",
    signal: AbortSignal.timeout(target.timeoutMs),
  });
  await res.body?.cancel().catch(() => undefined);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}
