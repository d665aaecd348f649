/** Shapes shared by the coverage rule and the matcher (docs/domain.md#coverage). */

export type HelperKind = "unit" | "worker";
export type PovertyLevel = "deep" | "poverty" | "none";

export interface RegistryHelper {
  id: string;
  kind: HelperKind;
  city: string;
  /** Parsed tags (see `parseTags`); compared exactly after trimming. */
  skills: readonly string[];
  /** How many counties the helper can pair with in total, existing pairings included. */
  capacity: number;
}

export interface RegistryCounty {
  code: string;
  city: string;
  poverty_level: PovertyLevel;
  needs: readonly string[];
}

export interface PairingRef {
  helper_id: string;
  county_code: string;
}

/** Places a deep-poverty county needs of one kind, and a poverty county of any kind. */
export const DEEP_PLACES = 3;
export const POVERTY_PLACES = 1;
