import type { ChannelTarget } from "./channels";
import { sendEmail } from "./email";
import { postJson, postSigned } from "./post";

/**
 * One delivery attempt to any channel; resolves with the receiver's answer, rejects on anything
 * but success. Standard Webhooks JSON and Slack are signed (as before channels); Google Chat and
 * PagerDuty carry their secret in the URL or the body and ignore signatures, so they get none.
 * `signal` aborts the attempt (the outbox's timeout, so a send cannot outlive its claim).
 */
export type Send = (
  target: ChannelTarget,
  body: string,
  id: string,
  event: string,
  signal?: AbortSignal,
) => Promise<string>;

/** Receivers (and a test counting deliveries) can tell repeats apart by the delivery id. */
const tagged = (id: string, event: string) => ({ "x-stagewatch-event": event, "x-stagewatch-delivery": id });

export const channelSend =
  (secret: string | undefined): Send =>
  (target, body, id, event, signal) => {
    switch (target.kind) {
      case "json":
      case "slack":
        return postSigned(target, body, id, event, secret, Date.now(), signal);
      case "googlechat":
        return postJson(target, body, tagged(id, event), signal);
      case "pagerduty": {
        // The routing key is added here, never stored: the stored event is the same without it.
        const withKey = JSON.stringify({ routing_key: target.routingKey, ...(JSON.parse(body) as object) });
        return postJson(target, withKey, tagged(id, event), signal);
      }
      case "email":
        return sendEmail(target, body, id);
    }
  };
