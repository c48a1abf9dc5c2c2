import type { Migration } from "kysely";
import { probesMigration } from "./0001_probes";
import { trackerMigration } from "./0002_tracker";
import { readinessMigration } from "./0003_readiness";
import { securityMigration } from "./0004_security";
import { leaderLeaseMigration } from "./0005_leader_lease";
import { notificationsMigration } from "./0006_notifications";
import { sloAlertsMigration } from "./0007_slo_alerts";
import { rehearsalMigration } from "./0008_rehearsal";
import { authBlockMigration } from "./0009_auth_block";
import { actionChangesMigration } from "./0010_action_changes";
import { deliveryAnswerMigration } from "./0011_delivery_answer";
import { maintenanceMigration } from "./0012_maintenance";
import { changeFeedMigration } from "./0013_change_feed";
import { watchCoverageMigration } from "./0014_watch_coverage";
import { oneLedgerMigration } from "./0015_one_ledger";

/**
 * Every migration, keyed by a name that sorts in the order they must run. Migrations
 * use only DDL both SQLite and PostgreSQL accept (text, integer, bigint, real).
 */
export const migrations: Record<string, Migration> = {
  "0001_probes": probesMigration,
  "0002_tracker": trackerMigration,
  "0003_readiness": readinessMigration,
  "0004_security": securityMigration,
  "0005_leader_lease": leaderLeaseMigration,
  "0006_notifications": notificationsMigration,
  "0007_slo_alerts": sloAlertsMigration,
  "0008_rehearsal": rehearsalMigration,
  "0009_auth_block": authBlockMigration,
  "0010_action_changes": actionChangesMigration,
  "0011_delivery_answer": deliveryAnswerMigration,
  "0012_maintenance": maintenanceMigration,
  "0013_change_feed": changeFeedMigration,
  "0014_watch_coverage": watchCoverageMigration,
  "0015_one_ledger": oneLedgerMigration,
};
