import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * The Laurel database, one interface per table. Timestamps are ISO 8601 text and booleans are
 * 0/1 integers so that the same queries run unchanged on SQLite and PostgreSQL.
 */
export interface Database {
  orgs: OrgTable;
  users: UserTable;
  role_grants: RoleGrantTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
}

export const ORG_KINDS = ["provincial", "city", "county", "grassroots", "industry"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ROLES = ["admin", "nominator", "judge"] as const;
export type Role = (typeof ROLES)[number];

export interface OrgTable {
  id: Generated<number>;
  name: string;
  kind: OrgKind;
  region_code: string | null;
  parent_id: number | null;
  /** Materialized path of ids, e.g. "/1/4/17/": a subtree is every path with this prefix. */
  path: string;
  created_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string | null;
  org_id: number | null;
  is_active: number;
  /** Bumped on password or role change: sessions issued under an older epoch stop working. */
  session_epoch: number;
  created_at: string;
}

export interface RoleGrantTable {
  id: Generated<number>;
  user_id: number;
  org_id: number;
  role: Role;
  granted_by: number | null;
  created_at: string;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  first_failure_at: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor_label: string;
  ip: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  /** Path of the org the change belongs to, so admins see exactly their subtree's log. */
  org_path: string | null;
  before_json: string | null;
  after_json: string | null;
}

export type Org = Selectable<OrgTable>;
export type NewOrg = Insertable<OrgTable>;
export type OrgUpdate = Updateable<OrgTable>;
export type User = Selectable<UserTable>;
export type AuditEntry = Selectable<AuditLogTable>;
