/**
 * The stored values of a contest's participants, applications and report history
 * (docs/domain.md#stored-vocabulary); migration 0011 lists the same values in CHECK constraints.
 */

/** applied: climbing the tree; returned: sent back with a reason; admitted: competing. */
export const PARTICIPANT_STATUSES = ["applied", "returned", "admitted", "withdrawn", "disqualified"] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/** approved: a union on the way passed it up; admitted: the organizer's decision. */
export const APPLICATION_DECISIONS = ["approved", "returned", "admitted"] as const;
export type ApplicationDecision = (typeof APPLICATION_DECISIONS)[number];

export const REPORT_ACTIONS = ["submitted", "returned", "verified", "corrected", "late_consented"] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];
