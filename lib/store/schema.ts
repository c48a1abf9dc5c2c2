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
    NotificationTables,
    SloAlertTables,
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
   * (phase "total" only) and a latency histogram of the attempts that completed the phase.
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
    /** Sparse JSON {bucketIndex: count} of a log-scale histogram (see lib/health/probes/histogram.ts). */
    hist: string;
    /** Running totals of the probe through this bucket; kept on minute rows of phase "total", else 0. */
    cum_checks: number;
    cum_up: number;
    cum_degraded: number;
    cum_down: number;
    cum_missing: number;
    /** Running latency histogram through this bucket (same rows as the running totals), else "{}". */
    cum_hist: string;
  };
  /** Flap-controlled state per probe, and its last attempt. */
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
    /** Running totals through the last result, as on the probe's newest minute roll-up. */
    cum_checks: number;
    cum_up: number;
    cum_degraded: number;
    cum_down: number;
    cum_missing: number;
    cum_hist: string;
    updated_at: number;
  };
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

/** Demo readiness (migration 0003_readiness): share links, the last verdict, its changes and their webhook deliveries. */
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
  /** The one current verdict (id "current"); `seq` is the number of the change that set it. */
  readiness_state: {
    id: string;
    verdict: string;
    since: number;
    seq: number;
    checked_at: number;
    /** The verdict last sent to people (migration 0012): a change in maintenance is not sent. */
    announced: string | null;
  };
  /** Every verdict change, numbered; `payload` is the JSON sent to webhooks (same on every retry). */
  readiness_change: {
    seq: number;
    from_verdict: string | null;
    to_verdict: string;
    at: number;
    payload: string;
  };
  /** One row per change and webhook (a hash of its kind and URL): the exactly-once ledger. */
  readiness_delivery: {
    change_seq: number;
    webhook: string;
    status: string;
    attempts: number;
    next_attempt_at: number;
    claimed_until: number | null;
    delivered_at: number | null;
    last_error: string | null;
    /** The receiver's answer to the delivering attempt (migration 0011). */
    answer: string | null;
  };
}

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

/** Overview and golden-path change notifications (migration 0006_notifications). */
export interface NotificationTables {
  /** The last recorded state per subject ("overview", "probe:<name>"); `seq` numbers its changes. */
  notification_state: {
    subject: string;
    state: string;
    seq: number;
    since: number;
    checked_at: number;
    /** The state last sent to people (migration 0012): a change recorded in maintenance is not sent. */
    announced: string | null;
  };
  /** Every change (`id` = "<subject>#<seq>"); `payload` is the JSON event sent (same bytes on every retry). */
  notification_change: {
    id: string;
    subject: string;
    seq: number;
    from_state: string | null;
    to_state: string;
    at: number;
    payload: string;
  };
  /** One row per change and webhook: the exactly-once ledger, sent per webhook in `at` order. */
  notification_delivery: {
    change_id: string;
    webhook: string;
    at: number;
    status: string;
    attempts: number;
    next_attempt_at: number;
    claimed_until: number | null;
    delivered_at: number | null;
    last_error: string | null;
    /** The receiver's answer to the delivering attempt (migration 0011). */
    answer: string | null;
    /** The rule's reminder interval for this channel while the state stays bad (migration 0011). */
    remind_every_ms: number | null;
  };
}

/** SLO alerts (migration 0007_slo_alerts): each rule's state, its numbered transitions and their webhook deliveries. */
export interface SloAlertTables {
  /** One row per SLO and rule; `seq` counts its transitions (the compare-and-set token). */
  slo_alert_state: {
    slo: string;
    rule: string;
    status: string;
    since: number;
    clear_since: number | null;
    seq: number;
    checked_at: number;
    /** The status last sent to people (migration 0012): a transition in maintenance is not sent. */
    announced: string | null;
  };
  /** Every firing / resolved transition; `payload` is the JSON event sent to webhooks. */
  slo_alert_transition: {
    id: string;
    slo: string;
    rule: string;
    seq: number;
    from_status: string | null;
    to_status: string;
    at: number;
    payload: string;
  };
  slo_alert_delivery: {
    transition_id: string;
    webhook: string;
    status: string;
    attempts: number;
    next_attempt_at: number;
    claimed_until: number | null;
    delivered_at: number | null;
    last_error: string | null;
    /** The receiver's answer to the delivering attempt (migration 0011). */
    answer: string | null;
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
  change_feed: {
    pos: number;
    at: number;
    kind: string;
    subject: string;
    from_state: string | null;
    to_state: string;
    detail: string;
  };
  /** The one counter row (id "head") every writer bumps in its transaction. */
  change_feed_head: { id: string; pos: number };
}

/** The hours a watched subject was checked in (migration 0014_watch_coverage); `hour` is its start, epoch ms. */
export interface WatchCoverageTables {
  watch_coverage: { subject: string; hour: number };
}
