import type { Generated, Insertable, Selectable, Updateable } from "kysely";
import type { JudgingTables } from "./schema-judging";
import type { NoticeTables } from "./schema-notice";
import type { RegistryTables } from "./schema-registry";
import type { ActivityTables } from "./schema-activities";
import type { ContestTables } from "./schema-contest";
import type { NotificationTables } from "./schema-notifications";
import type { OrgKind, Role } from "../app/domain/org-vocabulary";
import type {
  Aggregation,
  CategoryKind,
  NoticeUnit,
  RuleAttribute,
  RuleOp,
  Stage,
} from "../app/domain/competitions/vocabulary";
import type {
  CollectiveKind,
  Gender,
  NominationStatus,
  OccupationGroup,
  Opinion,
  Sector,
} from "../app/domain/nominations/vocabulary";
import type { HonorLevel } from "../app/domain/registry/vocabulary";

/**
 * The Laurel database, one interface per table. Timestamps are ISO 8601 text and booleans are
 * 0/1 integers so that the same queries run unchanged on SQLite and PostgreSQL. The tables of
 * judging, notice and publication, the registry and the aid activities live in their own files.
 */
export interface Database
  extends JudgingTables,
    NoticeTables,
    RegistryTables,
    ActivityTables,
    ContestTables,
    NotificationTables {
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
  /** For notifications by mail (decision 025); null: the inbox only. */
  email: string | null;
  mail_language: Generated<"zh-CN" | "en">;
  /** The last hard refusal of the address by a mail server, shown on the user's page. */
  email_problem: string | null;
  email_problem_at: string | null;
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
  honor_level: HonorLevel | null;
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
  status: NominationStatus;
  name: string;
  gender: Gender | null;
  ethnicity: string | null;
  birth_date: string | null;
  political_status: string | null;
  education: string | null;
  workplace: string | null;
  post: string | null;
  occupation_group: OccupationGroup | null;
  migrant: number | null;
  sector: Sector | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  id_number_masked: string | null;
  phone_enc: string | null;
  phone_masked: string | null;
  collective_kind: CollectiveKind | null;
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
  from_status: NominationStatus | null;
  to_status: NominationStatus;
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
  opinion: Opinion;
  note: string;
  recorded_by: number | null;
  at: string;
}

export type Competition = Selectable<CompetitionTable>;
export type Category = Selectable<CategoryTable>;
export type Nomination = Selectable<NominationTable>;
