/**
 * The stored values of competitions, their stages and categories (docs/domain.md#stored-vocabulary). The schema
 * types its columns with these unions and migration 0008 lists the same values in CHECK
 * constraints (decision 016): a new value needs a new migration.
 */
export const STAGES = [
  "draft",
  "running",
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
