import type { MessageKey } from "~/i18n";
import { teamInScope } from "./activities/team-scope";
import { depthOf, isWithin } from "./org-tree";
import { canEditOrg, hasRole, hasRoleAt, managesUser, scopesOf, type Grant } from "./permissions";

/**
 * The one answer to "may this user do X to this object" (issue #14): typed actions per area, each
 * with the object it is asked about. Pure; `app/utils/authorize.server.ts` turns a refusal into
 * the response. Finding the object (and 404 for an id that names nothing, or a child of another
 * parent) is the models' part: every query that takes a child id also takes its parent.
 */
export interface PolicyObjects {
  /** Admins of the organizer or above, and anyone holding a role inside the organizer's subtree. */
  "competition:read": { orgPath: string };
  /** Admins of the organizer or above: edit, advance, categories, panels, results, notice, publication. */
  "competition:manage": { orgPath: string };
  /** The nominator of the nomination's org (inside the organizer's subtree), or the organizer's admins. */
  "nomination:read": { organizerPath: string; orgPath: string };
  /** The nominator of the nomination's org, inside the organizer's subtree. */
  "nomination:edit": { organizerPath: string; orgPath: string };
  /** Admins of the org or above: add a child org, add a user. */
  "org:manage": { path: string };
  /** Admins strictly above the org: nobody renames or moves their own root. */
  "org:edit": { path: string };
  /** Admins whose subtrees hold the user's home org and every role. */
  "user:manage": { orgPath: string | null; rolePaths: readonly string[] };
  /** Any admin: the aid pages and the registry list their own scope (decisions 007, 008). */
  "admin:somewhere": null;
  /** Admins of the team's or project's org subtree; a team without an org is the root admins' (decision 008). */
  "aid:manage": { orgPath: string | null };
  /** Any admin: a new competition is organized by one of the admin's orgs (picked in the form). */
  "competition:create": null;
  /** Nominators of the org (`null`: none of theirs) inside the organizer's subtree. */
  "nomination:create": { organizerPath: string; orgPath: string | null };
  /** A competition's nomination list: its admins, and nominators of an org inside the organizer's subtree. */
  "nomination:list": { organizerPath: string };
  /** Any judge; which nominations are theirs is the seat queries' part (404 for another judge's). */
  "judging:score": null;
  /** The calendar serves every competition: admins of a top-level union (a province) only. */
  "calendar:manage": { orgPath: string | null };
  /** The mail queue serves every org: admins of a top-level union (a province) only, as the calendar. */
  "mail:operate": { orgPath: string | null };
  /** Any admin: the registry lists and edits the admin's own scope (decision 007). */
  "registry:manage": null;
  /** Matching spans every county and helper: admins of a root org only. */
  "registry:match": { wholeRegistry: boolean };
  /** Any admin: the audit log lists the admin's own subtrees. */
  "audit:read": null;
  /** Admins of the org or above the grant's org take a role back. */
  "role:revoke": { orgPath: string };
  /** Activation of a user the admin manages; never the admin's own account. */
  "user:activate": { self: boolean };
  /** A contest's period report: the nominators of the participant's org, inside the organizer's subtree. */
  "contest:report": { organizerPath: string; orgPath: string };
  /** Verify or return a report: admins of the participant's parent union or above (the organizer's among them). */
  "contest:verify": { organizerPath: string; parentPath: string };
  /** Apply to a contest: admins of the applying org, inside the organizer's subtree (not the organizer itself). */
  "contest:apply": { organizerPath: string; orgPath: string };
  /** Approve or return an application on its way up: admins of the union it waits for. */
  "contest:decide": { organizerPath: string; awaitingPath: string };
}
export type PolicyAction = keyof PolicyObjects;

/** Allowed, or refused: 403 with a message, or 404 where even the object's existence is not told. */
export type Verdict = { ok: true } | { ok: false; status: 403 | 404; messageKey: MessageKey };

const ALLOW: Verdict = { ok: true };
const forbid = (messageKey: MessageKey = "error.403"): Verdict => ({ ok: false, status: 403, messageKey });

type Rule<A extends PolicyAction> = (grants: readonly Grant[], object: PolicyObjects[A]) => Verdict;

const RULES: { [A in PolicyAction]: Rule<A> } = {
  "competition:read": (g, c) =>
    g.some((x) => isWithin(x.orgPath, c.orgPath) || (x.role === "admin" && isWithin(c.orgPath, x.orgPath)))
      ? ALLOW
      : forbid(),
  "competition:manage": (g, c) => (hasRoleAt(g, "admin", c.orgPath) ? ALLOW : forbid()),
  "nomination:read": (g, n) => (hasRoleAt(g, "admin", n.organizerPath) || nominates(g, n) ? ALLOW : forbid()),
  "nomination:edit": (g, n) => (nominates(g, n) ? ALLOW : forbid()),
  "org:manage": (g, o) => (hasRoleAt(g, "admin", o.path) ? ALLOW : forbid()),
  "org:edit": (g, o) => (canEditOrg(g, o.path) ? ALLOW : forbid()),
  "user:manage": (g, u) => {
    if (!u.orgPath || !hasRoleAt(g, "admin", u.orgPath)) return forbid();
    return managesUser(g, { orgPath: u.orgPath, rolePaths: u.rolePaths })
      ? ALLOW
      : forbid("users.outsideReach");
  },
  "admin:somewhere": (g) => (hasRole(g, "admin") ? ALLOW : forbid()),
  "aid:manage": (g, t) => (teamInScope(scopesOf(g, "admin"), t.orgPath) ? ALLOW : forbid()),
  "competition:create": (g) => (hasRole(g, "admin") ? ALLOW : forbid()),
  "nomination:create": (g, n) =>
    n.orgPath !== null && nominates(g, { organizerPath: n.organizerPath, orgPath: n.orgPath })
      ? ALLOW
      : forbid(),
  "nomination:list": (g, c) =>
    hasRoleAt(g, "admin", c.organizerPath) ||
    g.some((x) => x.role === "nominator" && isWithin(x.orgPath, c.organizerPath))
      ? ALLOW
      : forbid(),
  "judging:score": (g) => (hasRole(g, "judge") ? ALLOW : forbid()),
  "calendar:manage": (g, o) => (adminOfRoot(g, o.orgPath) ? ALLOW : forbid()),
  "mail:operate": (g, o) => (adminOfRoot(g, o.orgPath) ? ALLOW : forbid()),
  "registry:manage": (g) => (hasRole(g, "admin") ? ALLOW : forbid()),
  "registry:match": (g, r) => (hasRole(g, "admin") && r.wholeRegistry ? ALLOW : forbid()),
  "audit:read": (g) => (hasRole(g, "admin") ? ALLOW : forbid()),
  "role:revoke": (g, r) => (hasRoleAt(g, "admin", r.orgPath) ? ALLOW : forbid()),
  "user:activate": (_g, u) => (u.self ? forbid() : ALLOW),
  "contest:report": (g, r) => (nominates(g, r) ? ALLOW : forbid()),
  "contest:verify": (g, r) =>
    isWithin(r.parentPath, r.organizerPath) && hasRoleAt(g, "admin", r.parentPath) ? ALLOW : forbid(),
  "contest:apply": (g, a) =>
    isWithin(a.orgPath, a.organizerPath) && a.orgPath !== a.organizerPath && hasRoleAt(g, "admin", a.orgPath)
      ? ALLOW
      : forbid(),
  "contest:decide": (g, d) =>
    isWithin(d.awaitingPath, d.organizerPath) && hasRoleAt(g, "admin", d.awaitingPath) ? ALLOW : forbid(),
};

/** An admin of `orgPath`, a top-level union (a province). */
function adminOfRoot(g: readonly Grant[], orgPath: string | null): boolean {
  return (
    orgPath !== null && depthOf(orgPath) === 0 && g.some((x) => x.role === "admin" && x.orgPath === orgPath)
  );
}

function nominates(g: readonly Grant[], n: { organizerPath: string; orgPath: string }): boolean {
  return isWithin(n.orgPath, n.organizerPath) && hasRoleAt(g, "nominator", n.orgPath);
}

export function decide<A extends PolicyAction>(
  grants: readonly Grant[],
  action: A,
  object: PolicyObjects[A],
): Verdict {
  return (RULES[action] as Rule<A>)(grants, object);
}

export function may<A extends PolicyAction>(
  grants: readonly Grant[],
  action: A,
  object: PolicyObjects[A],
): boolean {
  return decide(grants, action, object).ok;
}
