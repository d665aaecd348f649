import type { Generated } from "kysely";
import type { OverrideDecision, SheetStatus } from "../app/domain/judging/vocabulary";

/** Judging: panels, assignments, score sheets, the ranking and the proposed list. */
export interface JudgingTables {
  panel_members: PanelMemberTable;
  judge_conflicts: JudgeConflictTable;
  judge_assignments: JudgeAssignmentTable;
  score_sheets: ScoreSheetTable;
  score_sheet_history: ScoreSheetHistoryTable;
  committee_overrides: CommitteeOverrideTable;
  proposed_entries: ProposedEntryTable;
  result_snapshots: ResultSnapshotTable;
}

/**
 * A judge on a category's panel: a user holding the judge role, or an external paper judge
 * (no org, no login) added by `scores import --add-judges`, known only by name.
 */
export interface PanelMemberTable {
  id: Generated<number>;
  category_id: number;
  /** null for an external paper judge. */
  user_id: number | null;
  display_name: string;
  external: number;
  added_at: string;
}

/** 回避 declared by the judge (or recorded for them by an admin); never assigned again. */
export interface JudgeConflictTable {
  id: Generated<number>;
  panel_member_id: number;
  nomination_id: number;
  reason: string | null;
  declared_by: number | null;
  declared_at: string;
}

export interface JudgeAssignmentTable {
  id: Generated<number>;
  panel_member_id: number;
  nomination_id: number;
  /** 1 when an admin placed it by hand rather than the balancing. */
  manual: number;
  assigned_at: string;
}

/**
 * One judge's sheet for one nomination. `points_json` holds the points per criterion in rubric
 * order (null for a criterion a draft leaves empty); the rubric is frozen from nominating on, so
 * positions are stable. `version` goes up on every write: a form posts the version it showed,
 * and a different one means another tab changed the sheet. `void`: the judge declared a conflict
 * after scoring; the sheet no longer counts but its history stays.
 */
export interface ScoreSheetTable {
  id: Generated<number>;
  category_id: number;
  nomination_id: number;
  panel_member_id: number;
  status: SheetStatus;
  points_json: string;
  total: number;
  comment: string;
  version: number;
  updated_at: string;
  submitted_at: string | null;
}

/** Every write of a sheet: drafts, the submission, paper imports and admin corrections with their reason. */
export interface ScoreSheetHistoryTable {
  id: Generated<number>;
  sheet_id: number;
  at: string;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  reason: string | null;
  points_json: string;
  total: number;
  comment: string;
}

/** The committee puts a nomination on (`include`) or takes it off (`exclude`) the computed list. */
export interface CommitteeOverrideTable {
  id: Generated<number>;
  category_id: number;
  nomination_id: number;
  decision: OverrideDecision;
  reason: string;
  decided_by: number | null;
  decided_at: string;
}

/**
 * The category's ranking frozen when the competition leaves `deciding`: every ranked nomination
 * with its rank and score; `proposed` = 1 for the committee's final list (拟表彰名单), ordered by
 * `position`. Notice and publication read it; promotion after an upheld objection walks it.
 */
export interface ProposedEntryTable {
  id: Generated<number>;
  category_id: number;
  nomination_id: number;
  rank: number;
  score: number;
  tied: number;
  proposed: number;
  /** 1-based place in the proposed list; null when not proposed. */
  position: number | null;
  /** Why the committee put it on or took it off the list, against the computed selection. */
  override_reason: string | null;
  /** The day a replacement (递补) was put on the list after an upheld objection; null otherwise. */
  promoted_on: string | null;
  /** Last day of the replacement's own notice period, when the admin gave it one (decision 018). */
  notice_ends_on: string | null;
}

/**
 * A category's results as decided (decision 018), written when the competition leaves `deciding`:
 * `entries_json` holds every ranked entry (score under the decided method, the z-score standard
 * score, rank, tie, sheets, place on the list, override); `selection_json` the selection report.
 */
export interface ResultSnapshotTable {
  id: Generated<number>;
  category_id: number;
  method: string;
  fallback_to_mean: number;
  decided_by: number | null;
  decided_by_label: string;
  decided_at: string;
  entries_json: string;
  selection_json: string;
}
