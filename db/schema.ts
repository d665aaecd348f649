import type { Generated, Insertable, Selectable, Updateable } from "kysely";
import type { JudgingTables } from "./schema-judging";
import type { NoticeTables } from "./schema-notice";
import type { RegistryTables } from "./schema-registry";
import type { ActivityTables } from "./schema-activities";

/**
 * The Laurel database, one interface per table. Timestamps are ISO 8601 text and booleans are
 * 0/1 integers so that the same queries run unchanged on SQLite and PostgreSQL. The tables of
 * judging, notice and publication, the registry and the aid activities live in their own files.
 */
export interface Database extends JudgingTables, NoticeTables, RegistryTables, ActivityTables {
  orgs: OrgTable;
  users: UserTable;
  role_grants: RoleGrantTable;
  login_throttle: LoginThrottleTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  competitions: CompetitionTable;
  competition_stages: CompetitionStageTable;
  categories: CategoryTable;
  criteria: CriterionTable;
  composition_rules: CompositionRuleTable;
  allocations: AllocationTable;
  nominations: NominationTable;
  nomination_events: NominationEventTable;
  nomination_files: NominationFileTable;
  consultations: ConsultationTable;
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

/** One signed-in browser; `id` is the SHA-256 of the token in its cookie (decision 012). */
export interface SessionTable {
  id: string;
  user_id: number;
  epoch: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
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

export const STAGES = [
  "draft",
  "nominating",
  "reviewing",
  "judging",
  "deciding",
  "notice",
  "published",
  "archived",
] as const;
export type Stage = (typeof STAGES)[number];
export const CATEGORY_KINDS = ["individual", "collective"] as const;
export type CategoryKind = (typeof CATEGORY_KINDS)[number];
export const AGGREGATIONS = ["mean", "trimmed", "zscore", "median"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const NOTICE_UNITS = ["working", "calendar"] as const;
export type NoticeUnit = (typeof NOTICE_UNITS)[number];
export const RULE_ATTRIBUTES = [
  "gender",
  "ethnicity",
  "occupation_group",
  "migrant",
  "sector",
  "political_status",
  "education",
] as const;
export type RuleAttribute = (typeof RULE_ATTRIBUTES)[number];
export const RULE_OPS = ["at_least", "at_most"] as const;
export type RuleOp = (typeof RULE_OPS)[number];

export interface CompetitionTable {
  id: Generated<number>;
  org_id: number;
  title: string;
  year: number;
  description: string;
  stage: Stage;
  notice_days: number;
  notice_unit: NoticeUnit;
  copied_from_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface CompetitionStageTable {
  competition_id: number;
  stage: Stage;
  starts_on: string | null;
  ends_on: string | null;
  /** When an admin advanced the competition into this stage; null while not reached. */
  entered_at: string | null;
}

export interface CategoryTable {
  id: Generated<number>;
  competition_id: number;
  position: number;
  name: string;
  kind: CategoryKind;
  quota: number;
  aggregation: Aggregation;
  /** null: every judge on the panel scores every nomination. */
  judges_per_nomination: number | null;
  blind: number;
  honor_level: string | null;
  honor_title: string | null;
}

export interface CriterionTable {
  id: Generated<number>;
  category_id: number;
  position: number;
  title: string;
  description: string;
  max_points: number;
}

export interface CompositionRuleTable {
  id: Generated<number>;
  category_id: number;
  position: number;
  label: string;
  attribute: RuleAttribute;
  values_json: string;
  op: RuleOp;
  share: string;
}

export interface AllocationTable {
  category_id: number;
  org_id: number;
  places: number;
}

export interface NominationTable {
  id: Generated<number>;
  competition_id: number;
  category_id: number;
  org_id: number;
  ref: string;
  kind: CategoryKind;
  status: string;
  name: string;
  gender: string | null;
  ethnicity: string | null;
  birth_date: string | null;
  political_status: string | null;
  education: string | null;
  workplace: string | null;
  post: string | null;
  occupation_group: string | null;
  migrant: number | null;
  sector: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  id_number_masked: string | null;
  phone_enc: string | null;
  phone_masked: string | null;
  collective_kind: string | null;
  member_count: number | null;
  leader: string | null;
  summary: string;
  deeds: string;
  version: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
}

export interface NominationEventTable {
  id: Generated<number>;
  nomination_id: number;
  at: string;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
}

export interface NominationFileTable {
  id: Generated<number>;
  nomination_id: number;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  uploaded_by: number | null;
  created_at: string;
}

export interface ConsultationTable {
  id: Generated<number>;
  nomination_id: number;
  department: string;
  opinion: "positive" | "negative";
  note: string;
  recorded_by: number | null;
  at: string;
}

export type Competition = Selectable<CompetitionTable>;
export type Category = Selectable<CategoryTable>;
export type Nomination = Selectable<NominationTable>;
