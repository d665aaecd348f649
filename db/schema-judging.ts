import type { Generated } from "kysely";

/** Judging: panels, assignments, score sheets, the ranking and the proposed list. */
export interface JudgingTables {
  proposed_entries: ProposedEntryTable;
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
}
