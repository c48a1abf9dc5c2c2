import type { Change } from "@/lib/changes/core/types";
import type { NotificationEvent } from "./events";

/**
 * A change to staging read from the audit log (event `change`, always info: never pages). Each
 * change is announced once, when it has finished — its outcome is the news — under a subject
 * that names its resource, so a service's maintenance window holds the changes to that service.
 */

export const changeSubject = (c: Pick<Change, "id" | "resource">) =>
  `change:${c.resource.type}:${c.resource.name}:${c.id}`;

/** A running change is announced when it ends; a one-entry change has ended when it is written. */
export const isFinished = (c: Pick<Change, "outcome">) => c.outcome !== "running";

/** Who made it is left out: a channel may reach people who may not see it on the Changes page. */
export function changeEvent(id: string, c: Change, baseUrl: string | null): NotificationEvent {
  return {
    event: "change.recorded",
    id,
    subject: changeSubject(c),
    from: null,
    to: c.outcome,
    changedAt: c.endedAt ?? c.startedAt,
    reasons: [c.summary, ...(c.error ? [`Error: ${c.error}`] : [])],
    likelyCause: null,
    url: baseUrl ? new URL("/changes", baseUrl).toString() : null,
  };
}
