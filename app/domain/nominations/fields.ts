import {
  COLLECTIVE_KINDS,
  GENDERS,
  OCCUPATION_GROUPS,
  SECTORS,
  type CollectiveKind as CollectiveKindValue,
  type Gender as GenderValue,
  type OccupationGroup as OccupationGroupValue,
  type Sector as SectorValue,
} from "./vocabulary";
import { CATEGORY_KINDS, type CategoryKind } from "../competitions/vocabulary";

/**
 * The enumerations of a nomination (docs/domain.md#nominations) with the spellings union offices use in forms
 * and sheets. Each value's first spelling is its Chinese name; English values match without
 * regard to case, and "non-public" or "non public" match non_public.
 */
export interface Enumeration<T extends string, K extends string = string> {
  /** Attribute name as in sheets and composition rules. */
  name: string;
  values: readonly T[];
  /** Chinese name of each value (the first spelling). */
  zh: Readonly<Record<T, string>>;
  /** Accepted spelling → value, or null. */
  parse(raw: string): T | null;
  /** Message key of the value's label, e.g. "occupationGroup.frontline". */
  labelKey(value: T): K;
}

/** Trim, fold full-width forms (Ｍａｌｅ, full-width digits) and case, unify separators. */
export function normalizeChoice(raw: string): string {
  return raw
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** The stored values come from the domain's vocabulary; the spellings must cover every one. */
function defineEnumeration<T extends string, P extends string>(
  name: string,
  labelPrefix: P,
  values: readonly T[],
  spellings: Record<T, readonly string[]>,
): Enumeration<T, `${P}.${T}`> {
  const lookup = new Map<string, T>();
  const zh = {} as Record<T, string>;
  for (const value of values) {
    zh[value] = spellings[value][0];
    for (const s of [value, ...spellings[value]]) lookup.set(normalizeChoice(s), value);
  }
  return {
    name,
    values,
    zh,
    parse: (raw) => lookup.get(normalizeChoice(raw)) ?? null,
    labelKey: (value): `${P}.${T}` => `${labelPrefix}.${value}`,
  };
}

export const Gender = defineEnumeration("gender", "gender", GENDERS, {
  male: ["男", "男性"],
  female: ["女", "女性"],
});
export type Gender = GenderValue;

export const OccupationGroup = defineEnumeration("occupation_group", "occupationGroup", OCCUPATION_GROUPS, {
  frontline: ["一线职工", "一线工人"],
  technical: ["专业技术人员"],
  manager: ["企业负责人"],
  official: ["机关干部"],
  other: ["其他"],
});
export type OccupationGroup = OccupationGroupValue;

export const Sector = defineEnumeration("sector", "sector", SECTORS, {
  state: ["国有企业", "国企"],
  non_public: ["非公企业", "非公有制企业"],
  public_institution: ["机关事业单位"],
  rural: ["农村"],
  other: ["其他"],
});
export type Sector = SectorValue;

/**
 * What kind of body a collective is. `org` covers Party and government organs and public
 * institutions (机关、事业单位), named 机关单位 in forms and sheets.
 */
export const CollectiveKind = defineEnumeration("collective_kind", "collectiveKind", COLLECTIVE_KINDS, {
  enterprise: ["企业"],
  team: ["班组"],
  workshop: ["车间"],
  village: ["村", "行政村", "村委会"],
  org: ["机关单位", "机关", "事业单位", "机关事业单位"],
});
export type CollectiveKind = CollectiveKindValue;

export const NominationKind = defineEnumeration("kind", "nominationKind", CATEGORY_KINDS, {
  individual: ["个人"],
  collective: ["集体"],
});
export type NominationKind = CategoryKind;

const YES = new Set(["是", "yes", "y", "true", "1"]);
const NO = new Set(["否", "no", "n", "false", "0"]);

/** 农民工 and other yes/no cells: 是/否, yes/no, true/false, 1/0. */
export function parseYesNo(raw: string): boolean | null {
  const v = normalizeChoice(raw);
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return null;
}

/**
 * Attributes a composition rule may count by, with their enumerations; the others (ethnicity,
 * political status, education) are free text compared exactly. Migrant is yes/no.
 */
export const RULE_ENUMERATIONS = {
  gender: Gender,
  occupation_group: OccupationGroup,
  sector: Sector,
} as const;

/** A rule value or sheet cell in either language, as the stored value ("一线职工" → "frontline"). */
export function canonicalAttributeValue(attribute: string, raw: string): string | null {
  if (attribute === "migrant") {
    const b = parseYesNo(raw);
    return b === null ? null : String(b);
  }
  const e = (RULE_ENUMERATIONS as Record<string, Enumeration<string>>)[attribute];
  if (e) return e.parse(raw);
  return raw.trim() === "" ? null : raw.trim();
}
