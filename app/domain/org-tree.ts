/** Pure rules of the union hierarchy: materialized paths, subtrees and the tree shape. */

export interface OrgNode {
  id: number;
  name: string;
  kind: string;
  region_code: string | null;
  parent_id: number | null;
  path: string;
}

export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? "/"}${id}/`;
}

/** True when `path` is `ancestorPath` itself or lies below it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

export function depthOf(path: string): number {
  return path.split("/").filter(Boolean).length - 1;
}

export interface TreeNode<T extends OrgNode> {
  org: T;
  children: TreeNode<T>[];
}

/** Builds the forest of the given orgs; an org whose parent is not in the list becomes a root. */
export function buildTree<T extends OrgNode>(orgs: readonly T[]): TreeNode<T>[] {
  const nodes = new Map<number, TreeNode<T>>(orgs.map((o) => [o.id, { org: o, children: [] }]));
  const roots: TreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parent_id == null ? undefined : nodes.get(node.org.parent_id);
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: TreeNode<T>[]) => {
    list.sort((a, b) => a.org.path.localeCompare(b.org.path, "en", { numeric: true }));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** Ordered list of the orgs from the root down to the org of `path`, given a lookup by id. */
export function ancestorIds(path: string): number[] {
  return path.split("/").filter(Boolean).map(Number);
}

interface NamedOrg {
  id: number;
  name: string;
  path: string;
}

/** Paths in tree order: by each level's id as a number, so /1/10/ comes after /1/9/. */
function byPath(a: NamedOrg, b: NamedOrg): number {
  return a.path.localeCompare(b.path, "en", { numeric: true });
}

/**
 * Orgs as a form offers them: those whose parent is not offered first, then one group per parent
 * (named after it) with its children, parents in tree order. A list of 72 then reads as the
 * hierarchy in <optgroup>s, and a select keeps its keyboard use (type-ahead, arrows).
 */
export function orgChoicesByParent<T extends NamedOrg>(orgs: readonly T[]): { org: T; group?: string }[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const children = new Map<number | null, T[]>();
  for (const o of [...orgs].sort(byPath)) {
    const ids = ancestorIds(o.path);
    const parent = ids.length > 1 ? byId.get(ids[ids.length - 2]) : undefined;
    const key = parent?.id ?? null;
    children.set(key, [...(children.get(key) ?? []), o]);
  }
  const roots = children.get(null) ?? [];
  const out: { org: T; group?: string }[] = roots.map((org) => ({ org }));
  const visit = (parent: T) => {
    const kids = children.get(parent.id) ?? [];
    for (const org of kids) out.push({ org, group: parent.name });
    kids.forEach(visit);
  };
  roots.forEach(visit);
  return out;
}

/** `orgChoicesByParent` as select options (value: the org's id). */
export function orgOptions(orgs: readonly NamedOrg[]): { value: string; label: string; group?: string }[] {
  return orgChoicesByParent(orgs).map(({ org, group }) => ({
    value: String(org.id),
    label: org.name,
    group,
  }));
}

/** `orgChoicesByParent` as consecutive groups: [parent's name, or none for the top, its orgs]. */
export function orgGroupsByParent<T extends NamedOrg>(orgs: readonly T[]): [string | undefined, T[]][] {
  const groups: [string | undefined, T[]][] = [];
  for (const { org, group } of orgChoicesByParent(orgs)) {
    const last = groups.at(-1);
    if (last && last[0] === group) last[1].push(org);
    else groups.push([group, [org]]);
  }
  return groups;
}
