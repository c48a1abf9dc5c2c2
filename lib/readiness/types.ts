import type { MaintenanceNote } from "@/lib/health/maintenance/types";
import type { CheckEvidence, CheckStatus, ReadinessReason, Severity, Verdict } from "@/lib/health/readiness";

/**
 * What the readiness APIs return and the pages render. Plain data (no server imports), so
 * route handlers and client components share one definition.
 */

export interface ReadinessChangeView {
  seq: number;
  from: Verdict | null;
  to: Verdict;
  at: string;
}

export interface ReadinessView {
  verdict: Verdict;
  summary: string;
  reasons: ReadinessReason[];
  /** When the checks were evaluated ("checked at HH:MM"). */
  checkedAt: string;
  /** The demo time asked about, normalised to ISO; absent without one. */
  demoAt?: string;
  demoRisk?: string[];
  evidence: CheckEvidence[];
  /** Maintenance windows running when it was evaluated; absent when they were not asked about. */
  maintenance?: MaintenanceNote[];
  /** Since when the verdict has been what it is; null until it was first recorded. */
  since: string | null;
  /** The latest changes, newest first. */
  changes: ReadinessChangeView[];
  /** Only in the answer to "Re-check now": which probes ran, and why they did not when they could not. */
  recheck?: { probes: string[]; problem: string | null };
}

/** The public share view: the verdict and its reasons, nothing else. */
export interface SharedReason {
  label: string;
  severity: Severity;
  status: CheckStatus;
  text: string;
}

export interface SharedReadiness {
  verdict: Verdict;
  summary: string;
  checkedAt: string;
  reasons: SharedReason[];
  /** When this link stops working. */
  expiresAt: string;
}

export type ShareLinkState = "active" | "expired" | "revoked";

export interface ShareLinkView {
  id: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  note: string | null;
  state: ShareLinkState;
  revokedAt: string | null;
  revokedBy: string | null;
  /** Path of the public page ("/share/<token>"); only while the link is active. */
  path: string | null;
  /** Whether the asking user may revoke it (its creator, or anyone with share:manage). */
  canRevoke: boolean;
}

/** Body of a 429 from POST /api/readiness/recheck. */
export interface RecheckLimited {
  error: "rate_limited";
  message: string;
  retryAfterSeconds: number;
}
