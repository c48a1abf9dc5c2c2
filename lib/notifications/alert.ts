import type { EventKind, Severity } from "@/lib/config/core/notifications-schema";

/**
 * One alert as every channel kind but the JSON webhook renders it (the JSON webhook receives the
 * domain's own event, as before channels existed). Each domain (Overview and probes, readiness,
 * SLO alerts) maps its stored event to this, so Chat, PagerDuty and email say the same thing.
 */
export type Alert = {
  /** The delivery id, the same on every retry. */
  id: string;
  event: EventKind;
  severity: Severity;
  /** What it is about; PagerDuty's dedup_key is made from it, so a recovery resolves the trigger. */
  subject: string;
  /** One line, e.g. "Golden-path probe backend-health: down (was up)". */
  title: string;
  state: string;
  previous: string | null;
  recovery: boolean;
  reasons: string[];
  url: string | null;
  /** ISO time of the change. */
  at: string;
  /** For a reminder: how long it has been in this state, e.g. "45 min". */
  redFor?: string;
};

/** PagerDuty's key for an alert's subject (≤ 255 characters): trigger and resolve share it. */
export const dedupKey = (subject: string): string => `stagewatch:${subject}`.slice(0, 255);
