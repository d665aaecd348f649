/**
 * The closed vocabularies of a contest (docs/domain.md#contest): how an indicator scores, how its
 * period values add up, which way a ranked indicator points, and which aid-activity measures an
 * indicator may be bound to.
 */

/** 完成率, 排名赋分, 加分, 扣分, 一票否决. */
export const CONTEST_METHODS = ["target", "rank", "bonus", "deduction", "veto"] as const;
export type ContestMethod = (typeof CONTEST_METHODS)[number];

/** `sum` for flows (investment, households helped), `latest` for stocks (villages covered so far). */
export const CONTEST_AGGREGATIONS = ["sum", "latest"] as const;
export type ContestAggregation = (typeof CONTEST_AGGREGATIONS)[number];

export const RANK_DIRECTIONS = ["higher", "lower"] as const;
export type RankDirection = (typeof RANK_DIRECTIONS)[number];

/** The aid-activity measures an indicator may be computed from, named as in `stats --format json`. */
export const AID_MEASURES = [
  "activities",
  "person_times",
  "funds_yuan",
  "villages",
  "households_helped",
  "people_helped",
  "households_lifted",
  "people_lifted",
] as const;
export type AidMeasure = (typeof AID_MEASURES)[number];

/** `period`: that period alone; `cumulative`: periods 1..k. */
export const CONTEST_SCOPES = ["period", "cumulative"] as const;
export type ContestScope = (typeof CONTEST_SCOPES)[number];

/** A report's value counts officially once `verified`; a unit's own `submitted` ones count provisionally. */
export const REPORT_STATUSES = ["draft", "submitted", "returned", "verified"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
