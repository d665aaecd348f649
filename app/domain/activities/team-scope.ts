import { isWithin } from "../org-tree";

/**
 * Who manages a team, and so its activities (decision 008): the admins of its organizing org's
 * subtree. A team without an org is the province's: admins of a root org only.
 */
export function teamInScope(scopes: readonly string[], teamOrgPath: string | null): boolean {
  if (teamOrgPath === null) return scopes.some(isRootPath);
  return scopes.some((s) => isWithin(teamOrgPath, s));
}

/** "/1/" is a root org's path: one id between the slashes. */
export function isRootPath(path: string): boolean {
  return /^\/\d+\/$/.test(path);
}
