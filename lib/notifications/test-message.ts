import type { ChannelTarget } from "./channels";
import type { Alert } from "./alert";
import { describeSendError } from "./outbox";
import { renderBody } from "./render";
import type { Send } from "./send";
import type { TestResult } from "./view-shapes";

/**
 * "Send a test" for one channel (admins): a message saying it is a test, sent now and outside
 * the ledger (it is not a change, nobody must act on it), with the receiver's answer or error.
 * PagerDuty gets a trigger and at once its resolve, so the test opens no lasting incident.
 */
export type { TestResult };

export function testAlert(at: number, by: string, baseUrl: string | null, recovery = false): Alert {
  return {
    id: `test-${at}`,
    event: "overview",
    severity: "info",
    subject: `test:${at}`,
    title: `Stagewatch test message from ${by}`,
    state: recovery ? "resolved" : "test",
    previous: null,
    recovery,
    reasons: ["This is a test of the channel; nothing needs doing."],
    url: baseUrl ? new URL("/notifications", baseUrl).toString() : null,
    at: new Date(at).toISOString(),
  };
}

export async function sendTest(
  target: ChannelTarget,
  send: Send,
  by: string,
  baseUrl: string | null,
  now: () => number = Date.now,
): Promise<TestResult> {
  const t0 = now();
  const steps = target.kind === "pagerduty" ? [false, true] : [false];
  const answers: string[] = [];
  try {
    for (const recovery of steps) {
      const alert = testAlert(t0, by, baseUrl, recovery);
      const raw = {
        event: "test",
        id: alert.id,
        title: alert.title,
        reasons: alert.reasons,
        at: alert.at,
        url: alert.url,
      };
      const body = renderBody(target.kind, alert, raw, () => ({ text: `${alert.title}: ${alert.reasons[0]}` }));
      answers.push(await send(target, body, recovery ? `${alert.id}-resolve` : alert.id, "test"));
    }
    return { channel: target.id, kind: target.kind, ok: true, answer: answers.join(" · "), tookMs: now() - t0 };
  } catch (err) {
    const error = describeSendError(err);
    return {
      channel: target.id,
      kind: target.kind,
      ok: false,
      answer: [...answers, error].join(" · "),
      tookMs: now() - t0,
    };
  }
}
