/**
 * Who changed something, and what kind of thing: the pure part of the one audit trail
 * (`lib/store/audit.ts` writes it; the tracker's history reads it).
 */

export interface Actor {
  name: string;
  role: string | null;
}

/**
 * "maintenance": a maintenance window made, ended or changed (lib/maintenance; its own audit stream).
 * "notification": an admin sent the weekly digest now (lib/digest; its own audit stream).
 */
export const AUDIT_ENTITIES = ["phase", "action", "criterion", "conflict", "maintenance", "notification"] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
