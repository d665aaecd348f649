/**
 * The stored values of the registry: counties, helpers, pairings (docs/domain.md#stored-vocabulary).
 * HONOR_LEVELS also types a category's honor level. The schema types its columns with these
 * unions and migration 0008 lists the same values in CHECK constraints (decision 016): a new
 * value needs a new migration.
 */
export const POVERTY_LEVELS = ["deep", "poverty", "none"] as const;
export type PovertyLevel = (typeof POVERTY_LEVELS)[number];
export const HELPER_KINDS = ["worker", "unit"] as const;
export type HelperKind = (typeof HELPER_KINDS)[number];
export const HONOR_LEVELS = ["national", "provincial", "city"] as const;
export type HonorLevel = (typeof HONOR_LEVELS)[number];
export const PAIRING_TIERS = ["province", "city", "county"] as const;
export type PairingTier = (typeof PAIRING_TIERS)[number];
export const OWNERSHIPS = ["central_soe", "local_soe", "private", "other"] as const;
export type Ownership = (typeof OWNERSHIPS)[number];
