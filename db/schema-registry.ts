import type { Generated } from "kysely";

/** The model-worker registry: counties, helpers (model workers and units), pairings. */
export interface RegistryTables {
  counties: CountyTable;
}

export const POVERTY_LEVELS = ["deep", "poverty", "none"] as const;
export type PovertyLevel = (typeof POVERTY_LEVELS)[number];

export interface CountyTable {
  id: Generated<number>;
  /** 6-digit administrative-division code, unique. */
  code: string;
  name: string;
  city: string;
  poverty_level: PovertyLevel;
  exited_year: number | null;
  /** Industries it needs help with: tags joined by ";". */
  needs: string;
  created_at: string;
  updated_at: string;
}
