import type { MessageKey, Params } from "~/i18n";
import { regionPrefix } from "./registry/registry-scope";

/** What `regionRefusal` needs of an org: its code, and whether it is a root. */
export interface RegionOrg {
  name: string;
  kind: string;
  region_code: string | null;
  parent_id: number | null;
}

/**
 * Why `child` may not sit below `parent` with its region code, or null when it may (issue #14).
 * An org's region code decides which counties its admins manage (decision 007), so a child must
 * not reach further than its parent: its code lies inside the parent's (610100 → 6101xx, or
 * 610100 itself). A root (or no parent) reaches everything already, so anything fits below it.
 * A parent without a code reaches no county by code, so its children get none; and a city union
 * below a non-root needs a code, since without one its name would stand for a city's counties.
 */
export function regionRefusal(
  parent: RegionOrg | null,
  child: { kind: string; regionCode: string | null },
): { key: MessageKey; params?: Params } | null {
  if (!parent || parent.parent_id === null) return null;
  if (!child.regionCode) return child.kind === "city" ? { key: "org.regionRequired" } : null;
  if (!parent.region_code) return { key: "org.regionParentHasNone", params: { parent: parent.name } };
  if (!child.regionCode.startsWith(regionPrefix(parent.region_code)))
    return { key: "org.regionOutsideParent", params: { parent: parent.region_code } };
  return null;
}
