import { ancestorIds, isWithin } from "../org-tree";

/**
 * The unions an application climbs (逐级审核, decision 026): from the applying unit's parent up to
 * the organizer, both included, in that order. Empty when the unit is not strictly inside the
 * organizer's subtree (the organizer does not apply to its own contest).
 */
export function applicationClimb(unitPath: string, organizerPath: string): number[] {
  if (unitPath === organizerPath || !isWithin(unitPath, organizerPath)) return [];
  const ids = ancestorIds(unitPath);
  const organizerDepth = ancestorIds(organizerPath).length - 1;
  return ids.slice(organizerDepth, -1).reverse();
}

/** What an approval by `awaitingId` does: pass the application to the next union, or (null) it is the organizer's to admit. */
export function nextStop(climb: readonly number[], awaitingId: number): number | null {
  const at = climb.indexOf(awaitingId);
  if (at < 0 || at === climb.length - 1) return null;
  return climb[at + 1];
}

/** True when the union is the last stop: its admins admit or return, never merely approve. */
export function isFinalStop(climb: readonly number[], awaitingId: number): boolean {
  return climb.length > 0 && climb[climb.length - 1] === awaitingId;
}
