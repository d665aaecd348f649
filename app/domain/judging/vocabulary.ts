/**
 * The stored values of score sheets and committee overrides (docs/domain.md#stored-vocabulary). The schema
 * types its columns with these unions and migration 0008 lists the same values in CHECK
 * constraints (decision 016): a new value needs a new migration.
 */
export const SHEET_STATUSES = ["draft", "submitted", "void"] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];

/** The committee puts a nomination on (`include`) or takes it off (`exclude`) the computed list. */
export const OVERRIDE_DECISIONS = ["include", "exclude"] as const;
export type OverrideDecision = (typeof OVERRIDE_DECISIONS)[number];
