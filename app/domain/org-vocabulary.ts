/**
 * The stored values of orgs and role grants (docs/domain.md#stored-vocabulary). The schema types its
 * columns with these unions and migration 0008 lists the same values in CHECK constraints
 * (decision 016): a new value needs a new migration.
 */
export const ORG_KINDS = ["provincial", "city", "county", "grassroots", "industry"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ROLES = ["admin", "nominator", "judge"] as const;
export type Role = (typeof ROLES)[number];
