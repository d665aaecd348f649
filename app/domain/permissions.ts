import type { Role } from "./org-vocabulary";
import { isWithin } from "./org-tree";

/** A role held at an org; it is valid in that org and every org below it. */
export interface Grant {
  role: Role;
  orgId: number;
  orgPath: string;
  orgName: string;
}

export function hasRoleAt(grants: readonly Grant[], role: Role, orgPath: string): boolean {
  return grants.some((g) => g.role === role && isWithin(orgPath, g.orgPath));
}

export function hasRole(grants: readonly Grant[], role: Role): boolean {
  return grants.some((g) => g.role === role);
}

/** The paths of the subtrees where the user holds `role`, without any path inside another. */
export function scopesOf(grants: readonly Grant[], role: Role): string[] {
  const paths = [...new Set(grants.filter((g) => g.role === role).map((g) => g.orgPath))].sort();
  return paths.filter((p, i) => !paths.slice(0, i).some((q) => isWithin(p, q)));
}

/** An org is edited by an admin of a strictly higher org: nobody re-parents or renames their own root. */
export function canEditOrg(grants: readonly Grant[], orgPath: string): boolean {
  return grants.some((g) => g.role === "admin" && isWithin(orgPath, g.orgPath) && orgPath !== g.orgPath);
}

/**
 * A user (edited, activated or deactivated, roles granted or revoked) is managed only by an admin
 * whose subtrees hold the user's home org and ALL of the user's roles: otherwise a city admin
 * could re-activate, say, a province-level judge who happens to live in its city (issue #14).
 */
export function managesUser(
  adminGrants: readonly Grant[],
  target: { orgPath: string; rolePaths: readonly string[] },
): boolean {
  const scopes = scopesOf(adminGrants, "admin");
  return [target.orgPath, ...target.rolePaths].every((p) => scopes.some((s) => isWithin(p, s)));
}
