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
