import type { ChangeFeedRow } from "@/lib/store/core/change-feed";

/**
 * The store's tables, as Kysely sees them. Each domain declares its tables in its own
 * interface here and its DDL in `migrations/`; timestamps are epoch milliseconds (numbers).
 */
export interface StoreSchema
  extends
    TrackerTables,
    ProbeTables,
    ReadinessTables,
    SecurityTables,
    LeaderTables,
    LedgerTables,
    RehearsalTables,
    ChangeFeedTables,
    MaintenanceTables,
    WatchCoverageTables {}

/** Maintenance windows made through the API (migration 0012_maintenance); config windows are not stored. */
export interface MaintenanceTables {
  maintenance_window: {
    id: string;
    scope: string;
    reason: string;
    starts_at: number;
    /** The planned end, or when it was ended early. */
    ends_at: number;
    created_by: string;
    created_at: number;
    ended_by: string | null;
    ended_at: number | null;
  };
}

/** Endpoint probes (migration 0001_probes): raw results, roll-ups, flap state and state changes. */
export interface ProbeTables {
  /** One row per attempt; kept PROBE_RAW_RETENTION_DAYS. JSON columns hold phases, conditions, details. */
  probe_result: {
    probe: string;
    checked_at: number;
    status: string;
    duration_ms: number;
    failed_phase: string | null;
    error_class: string | null;
    error_message: string | null;
    phases: string;
    conditions: string;
    details: string;
  };
  /**
   * Per probe, phase and time bucket (grain m = minute, h = hour, d = UTC day): status counts
   * (phase "total" only) and a latency histogram of the attempts that completed the phase; the
   * running totals through the bucket are kept on minute rows of phase "total", else 0 and "{}".
   */
  probe_rollup: {
    probe: string;
    phase: string;
    grain: string;
    bucket: number;
    checks: number;
    up: number;
    degraded: number;
    down: number;
    missing: number;
    n: number;
    sum_ms: number;
    max_ms: number;
    /** Sparse JSON {bucketIndex: count} of a log-scale histogram (see lib/probes/core/histogram.ts). */
    hist: string;
  } & RunningTotals;
  /** Flap-controlled state per probe, its last attempt, and its running totals through it (as on its newest minute roll-up). */
  probe_state: {
    probe: string;
    status: string;
    flapping: number;
    since: number | null;
    /** JSON array of the latest attempt statuses, oldest first. */
    recent: string;
    last_checked_at: number | null;
    last_status: string | null;
    last_duration_ms: number | null;
    last_error: string | null;
    updated_at: number;
  } & RunningTotals;
  probe_state_change: {
    probe: string;
    at: number;
    from_status: string;
    to_status: string;
    reason: string;
  };
}

/** The resolution tracker (migration 0002_tracker): UI edits over the config's incident. */
export interface TrackerTables {
  tracker_phase: {
    incident_id: string;
    phase_id: string;
    status: string;
    base_status: string;
    version: number;
    updated_at: number;
    updated_by: string;
  };
  tracker_action: {
    incident_id: string;
    phase_id: string;
    action_id: string;
    title: string;
    owner: string;
    status: string;
    due: string | null;
    /** JSON array of URLs. */
    links: string;
    position: number;
    source: string;
    /** JSON of the config's fields at the last sync; null for actions added in the UI. */
    base: string | null;
    deleted_at: number | null;
    version: number;
    created_at: number;
    updated_at: number;
    updated_by: string;
  };
  tracker_criterion: {
    incident_id: string;
    phase_id: string;
    criterion_id: string;
    expr: string;
    result: string;
    held_since: number | null;
    evaluated_at: number;
    /** JSON of the last Evaluation. */
    evaluation: string | null;
  };
  tracker_audit: {
    id: string;
    incident_id: string;
    at: number;
    actor: string;
    actor_role: string | null;
    entity: string;
    phase_id: string;
    entity_id: string;
    change: string;
    summary: string;
    before: string | null;
    after: string | null;
    reason: string | null;
  };
  tracker_conflict: {
    id: string;
    incident_id: string;
    phase_id: string;
    action_id: string;
    field: string;
    store_value: string | null;
    config_value: string | null;
    detected_at: number;
    resolved_at: number | null;
    resolved_by: string | null;
    resolution: string | null;
  };
  tracker_evidence: {
    id: string;
    incident_id: string;
    phase_id: string;
    decision: string;
    decided_at: number;
    reason: string;
    evidence: string;
  };
  tracker_meta: { incident_id: string; evaluated_at: number | null; evaluation_error: string | null };
  /** An action linked to a change from the audit log (migration 0010), as the change read then. */
  tracker_action_change: {
    incident_id: string;
    phase_id: string;
    action_id: string;
    change_id: string;
    kind: string;
    resource_type: string;
    resource_name: string;
    summary: string;
    outcome: string;
    started_at: number;
    explorer_url: string;
    linked_at: number;
    linked_by: string;
  };
}

/** Demo readiness (migration 0003_readiness): share links (its verdicts and changes are in the one ledger, LedgerTables). */
export interface ReadinessTables {
  /** One public link; the token is signed, this row makes it revocable. */
  readiness_share_link: {
    id: string;
    created_at: number;
    created_by: string;
    expires_at: number;
    note: string | null;
    revoked_at: number | null;
    revoked_by: string | null;
  };
}

/**
 * A probe's running totals (status counts and latency histogram since its first result): the
 * same columns on its minute roll-ups and on its state row, so a range is two subtractions.
 */
type RunningTotals = {
  cum_checks: number;
  cum_up: number;
  cum_degraded: number;
  cum_down: number;
  cum_missing: number;
  /** Sparse JSON histogram, as `hist`. */
  cum_hist: string;
};

/** Demo rehearsals (migration 0008_rehearsal): one row per run; screenshots on disk. */
export interface RehearsalTables {
  rehearsal_run: {
    id: string;
    probe: string;
    started_at: number;
    /** passed | failed | unknown (no browser). */
    status: string;
    duration_ms: number;
    failed_step: number | null;
    error: string | null;
    /** JSON StepOutcome[]. */
    steps: string;
    /** JSON string[] of stored screenshot kinds. */
    screenshots: string;
  };
}

/** The leader lease (migration 0005_leader_lease; see lib/store/leader.ts). */
export interface LeaderTables {
  leader_lease: { name: string; holder: string; token: number; expires_at: number };
}

/**
 * The one notification ledger (migration 0015_one_ledger, owned by lib/notifications/ledger-rows.ts):
 * the last recorded state per subject, its numbered changes and one delivery row per change and
 * channel, for every kind — Overview, golden-path, rehearsal and change alerts and the weekly
 * digest ("notification"), the demo readiness verdict ("readiness"), SLO alert rules ("slo").
 */
export interface LedgerTables {
  /**
   * One row per subject: "overview", "probe:<name>", "rehearsal:<probe>", "change:…" (notification),
   * "readiness", "slo:<slo>/<rule>"; `seq` numbers its changes (the compare-and-set token).
   */
  ledger_state: {
    subject: string;
    kind: string;
    state: string;
    seq: number;
    since: number;
    checked_at: number;
    /** The state last sent to people (migration 0012): a change recorded in maintenance is not sent. */
    announced: string | null;
    /** SLO rules only: since when the alert's condition has been clear (the resolve hold). */
    clear_since: number | null;
  };
  /**
   * Every change: `id` is "<subject>#<seq>" (notification, readiness), "<slo>/<rule>/<seq>" (slo),
   * "digest:<week>" or a reminder "<change>~r<k>~<channel>"; `payload` is the JSON event sent
   * (the same bytes on every retry).
   */
  ledger_change: {
    id: string;
    kind: string;
    subject: string;
    seq: number;
    from_state: string | null;
    to_state: string;
    at: number;
    payload: string;
  };
  /** One row per change and channel: the exactly-once ledger, sent per channel in (`at`, `seq`) order within a kind. */
  ledger_delivery: {
    change_id: string;
    webhook: string;
    kind: string;
    /** The change's time and number, copied so the outbox orders without a join. */
    at: number;
    seq: number;
    status: string;
    attempts: number;
    next_attempt_at: number;
    claimed_until: number | null;
    delivered_at: number | null;
    last_error: string | null;
    /** The receiver's answer to the delivering attempt (migration 0011). */
    answer: string | null;
    /** The rule's reminder interval for this channel while the state stays bad (notification kind only). */
    remind_every_ms: number | null;
  };
}

/** Security (migration 0004_security): rate-limit counters and sign-in sessions. */
export interface SecurityTables {
  /** rate-limiter-flexible's own layout; `expire` is an epoch in ms. */
  rate_limit: { key: string; points: number; expire: number | null };
  /** One sign-in; revoked_at set by sign-out or an admin ends it for every copy of its cookie. */
  auth_session: {
    id: string;
    username: string;
    /** "credentials", "google" or "iap": where the user's role and existence are re-read from. */
    provider: string;
    created_at: number;
    last_seen_at: number;
    expires_at: number;
    revoked_at: number | null;
    revoked_by: string | null;
    user_agent: string | null;
  };
  /** Migration 0009_auth_block: an address an admin shut out, until an admin lets it back in. */
  auth_block: { email: string; blocked_at: number; blocked_by: string };
}

/** The change feed behind `/api/stream` (migration 0013_change_feed, decision 0027). */
export interface ChangeFeedTables {
  /** One row per recorded change; `pos` follows commit order; `detail` is JSON (reasons, likely cause). */
  change_feed: ChangeFeedRow;
  /** The one counter row (id "head") every writer bumps in its transaction. */
  change_feed_head: { id: string; pos: number };
}

/** The hours a watched subject was checked in (migration 0014_watch_coverage); `hour` is its start, epoch ms. */
export interface WatchCoverageTables {
  watch_coverage: { subject: string; hour: number };
}
