/**
 * The stored values of aid projects (docs/domain.md#stored-vocabulary). The schema types the column
 * with this union and migration 0008 lists the same values in a CHECK constraint (decision 016):
 * a new value needs a new migration.
 */
export const PROJECT_STATUSES = ["planned", "ongoing", "completed"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
