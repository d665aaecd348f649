import type { Generated } from "kysely";
import type {
  AidMeasure,
  ContestAggregation,
  ContestMethod,
  RankDirection,
  ReportStatus,
} from "../app/domain/contest/scheme";
import type { ApplicationDecision, ParticipantStatus, ReportAction } from "../app/domain/contest/vocabulary";

/** The contest of a competition (docs/domain.md#contest): scheme, participants, targets and reports. */
export interface ContestTables {
  contests: ContestTable;
  contest_groups: ContestGroupTable;
  contest_periods: ContestPeriodTable;
  contest_indicators: ContestIndicatorTable;
  contest_participants: ContestParticipantTable;
  contest_application_steps: ContestApplicationStepTable;
  contest_targets: ContestTargetTable;
  contest_reports: ContestReportTable;
  contest_values: ContestValueTable;
  contest_report_events: ContestReportEventTable;
  contest_report_files: ContestReportFileTable;
}

/** One per competition that runs a contest. */
export interface ContestTable {
  competition_id: number;
  /** 1 when the organizer has opened the public board. */
  board_public: number;
  board_opened_at: string | null;
  /** Bumped by every change that moves the official standings (a verification, a correction …): the board's cache key. */
  standings_version: number;
  created_at: string;
  updated_at: string;
}

export interface ContestGroupTable {
  id: Generated<number>;
  competition_id: number;
  /** 0-based, the scheme's order. */
  position: number;
  name: string;
  /** How many of the group's final standing become nominations; null: not set yet. */
  top_n: number | null;
}

export interface ContestPeriodTable {
  id: Generated<number>;
  competition_id: number;
  position: number;
  label: string;
  /** The reporting window, both days included. */
  opens_on: string;
  closes_on: string;
  /** The days the period's work covers (aid-bound indicators count activities held in them). */
  covers_from: string;
  covers_to: string;
}

export interface ContestIndicatorTable {
  id: Generated<number>;
  competition_id: number;
  position: number;
  code: string;
  title: string;
  unit: string;
  aggregation: ContestAggregation;
  method: ContestMethod;
  weight: number | null;
  cap: number | null;
  direction: RankDirection | null;
  per_unit: number | null;
  max_points: number | null;
  measure: AidMeasure | null;
  confidential: number;
}

export interface ContestParticipantTable {
  id: Generated<number>;
  competition_id: number;
  org_id: number;
  group_id: number;
  status: ParticipantStatus;
  /** While an application climbs the tree: the union whose approval it waits for. */
  awaiting_org_id: number | null;
  /** Why it was returned, withdrawn or disqualified. */
  reason: string | null;
  applied_by: number | null;
  admitted_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One union's decision on an application as it climbs the tree (逐级审核). */
export interface ContestApplicationStepTable {
  id: Generated<number>;
  participant_id: number;
  org_id: number;
  decision: ApplicationDecision;
  reason: string | null;
  decided_by: number | null;
  decided_at: string;
}

export interface ContestTargetTable {
  id: Generated<number>;
  participant_id: number;
  indicator_id: number;
  /** null: the year's target. */
  period_id: number | null;
  target: number;
  updated_at: string;
}

/** A participant's report for one period: its values live in contest_values. */
export interface ContestReportTable {
  id: Generated<number>;
  participant_id: number;
  period_id: number;
  status: ReportStatus;
  note: string;
  /** 1 when submitted after the window closed: it waits for the organizer's consent. */
  late: number;
  late_consented_by: number | null;
  late_consented_at: string | null;
  return_reason: string | null;
  submitted_by: number | null;
  submitted_at: string | null;
  verified_by: number | null;
  verified_at: string | null;
  created_at: string;
  updated_at: string;
  /** The report's values as JSON [indicator id, value, …], kept by triggers on contest_values (decision 032); null when it has none. */
  values_packed: string | null;
}

/** A reported value; an indicator with no row is "not reported", never 0. */
export interface ContestValueTable {
  report_id: number;
  indicator_id: number;
  value: number;
}

/** A report's history: submissions, returns with reasons, verifications, corrections of one value. */
export interface ContestReportEventTable {
  id: Generated<number>;
  report_id: number;
  action: ReportAction;
  from_status: ReportStatus | null;
  to_status: ReportStatus | null;
  /** Corrections: the value corrected, what it was (null: not reported) and what it became. */
  indicator_id: number | null;
  previous_value: number | null;
  new_value: number | null;
  reason: string | null;
  actor_user_id: number | null;
  actor_label: string;
  at: string;
}

export interface ContestReportFileTable {
  id: Generated<number>;
  report_id: number;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  uploaded_by: number | null;
  created_at: string;
}
