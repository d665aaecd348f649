/**
 * Which counties and helpers an admin manages (decision 007). An admin of a root org (the
 * province) manages the whole registry. Below it, counties go by administrative-division code:
 * the org's region code with its trailing "00" pairs dropped is a prefix (610100 → 6101: Xi'an's
 * counties; 610124 → that county alone); a city org without a code matches counties by city name
 * (its name minus 总工会). Helpers go by their org: inside one of the admin's subtrees.
 */
import { isWithin } from "../org-tree";

export interface ScopeOrg {
  name: string;
  kind: string;
  path: string;
  parent_id: number | null;
  region_code: string | null;
}

export interface RegistryScope {
  /** Admin of a root org: every county and helper, and the matcher. */
  all: boolean;
  countyPrefixes: string[];
  cityNames: string[];
  orgPaths: string[];
}

export const UNION_SUFFIX = "总工会";

export function regionPrefix(code: string): string {
  let prefix = code;
  while (prefix.length > 2 && prefix.endsWith("00")) prefix = prefix.slice(0, -2);
  return prefix;
}

export function cityOfOrgName(name: string): string {
  return name.endsWith(UNION_SUFFIX) ? name.slice(0, -UNION_SUFFIX.length) : name;
}

export function registryScope(orgs: readonly ScopeOrg[]): RegistryScope {
  const scope: RegistryScope = {
    all: false,
    countyPrefixes: [],
    cityNames: [],
    orgPaths: orgs.map((o) => o.path),
  };
  for (const org of orgs) {
    if (org.parent_id === null) scope.all = true;
    else if (org.region_code && /^\d{6}$/.test(org.region_code))
      scope.countyPrefixes.push(regionPrefix(org.region_code));
    else if (org.kind === "city") scope.cityNames.push(cityOfOrgName(org.name));
  }
  return scope;
}

export function countyInScope(scope: RegistryScope, county: { code: string; city: string }): boolean {
  return (
    scope.all ||
    scope.countyPrefixes.some((p) => county.code.startsWith(p)) ||
    scope.cityNames.includes(county.city)
  );
}

/** A helper without an org is the province's: only admins of a root org manage it. */
export function helperInScope(scope: RegistryScope, helperOrgPath: string | null): boolean {
  if (scope.all) return true;
  return helperOrgPath !== null && scope.orgPaths.some((p) => isWithin(helperOrgPath, p));
}

export const EMPTY_SCOPE: RegistryScope = { all: false, countyPrefixes: [], cityNames: [], orgPaths: [] };
