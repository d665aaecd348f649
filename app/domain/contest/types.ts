import type { ContestIndicator } from "./scheme-schema";
import type { ReportStatus } from "./scheme";

/**
 * What the standings are computed from, shaped like the rows a model reads: one row per
 * participant, per target and per reported value, each naming its indicator by code and its
 * period by label.
 */
export interface ContestParticipant {
  orgId: number;
  name: string;
  group: string;
  /** Stays listed, marked, unranked. A withdrawn unit is simply not passed. */
  disqualified: boolean;
}

export interface TargetRow {
  orgId: number;
  indicator: string;
  /** null: the year's target (a `sum` one split evenly over the periods, a `latest` one for each). */
  period: string | null;
  target: number;
}

export interface ValueRow {
  orgId: number;
  period: string;
  indicator: string;
  value: number;
  /** Aid-bound values are computed, never typed: the caller passes them as `verified`. */
  status: ReportStatus;
}

export interface ContestData {
  /** In the scheme's order, which is the order the standings list the groups in. */
  groups: readonly string[];
  /** In order: period 1 first. */
  periods: readonly { label: string }[];
  /** In scheme order, which is also the tie-break order. */
  indicators: readonly ContestIndicator[];
  participants: readonly ContestParticipant[];
  targets: readonly TargetRow[];
  values: readonly ValueRow[];
  /** More values, already placed: what a model hands over when there are hundreds of thousands. */
  packed?: PackedValues;
}

/**
 * Values as flat arrays instead of one object per value (decision 028): entry n lies in cell
 * `cell[n]` = (participant index · periods + period index) · indicators + indicator index, the
 * indexes being positions in `participants`, `periods` and `indicators`.
 */
export interface PackedValues {
  length: number;
  cell: Int32Array;
  value: Float64Array;
  /** 1: the report is submitted, not yet verified (counts provisionally only). */
  submitted: Uint8Array;
}
