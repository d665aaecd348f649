import type { Generated } from "kysely";
import type {
  HelperKind,
  HonorLevel,
  Ownership,
  PairingTier,
  PovertyLevel,
} from "../app/domain/registry/vocabulary";

/** The model-worker registry: counties, helpers (model workers and units), pairings. */
export interface RegistryTables {
  counties: CountyTable;
  helpers: HelperTable;
  pairings: PairingTable;
}

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

/** A model worker (劳模) or a model-worker unit (劳模单位). */
export interface HelperTable {
  id: Generated<number>;
  /** The sheet's 编号, unique: what pairings and the matcher's output name. */
  ref: string;
  kind: HelperKind;
  name: string;
  city: string;
  /** Tags joined by ";". */
  skills: string;
  capacity: number;
  level: HonorLevel | null;
  title: string | null;
  year: number | null;
  /** Units only. */
  ownership: Ownership | null;
  workplace: string | null;
  /** Private: encrypted like nomination phones; admins only. */
  contact_enc: string | null;
  contact_masked: string | null;
  /** The org whose admins manage it (its subtree); null = the province's. */
  org_id: number | null;
  /** The commended nomination it came from, when an honor roll created it. */
  nomination_id: number | null;
  revoked_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PairingTable {
  id: Generated<number>;
  helper_id: number;
  county_id: number;
  tier: PairingTier;
  started_on: string | null;
  created_at: string;
}
