/**
 * The committee's decision (docs/domain.md#committee): the computed selection, with nominations put on
 * (`include`) or taken off (`exclude`) by recorded overrides. The final list keeps ranking order,
 * so an included nomination takes its place by rank rather than at the end.
 */

export interface Override {
  nominationId: number;
  decision: "include" | "exclude";
  reason: string;
}

export interface FinalEntry {
  nominationId: number;
  position: number;
  /** The override that put it on the list; null when the selection did. */
  override: Override | null;
}

export function finalList(
  rankedIds: readonly number[],
  selected: ReadonlySet<number>,
  overrides: readonly Override[],
): FinalEntry[] {
  const byId = new Map(overrides.map((o) => [o.nominationId, o]));
  const out: FinalEntry[] = [];
  for (const id of rankedIds) {
    const o = byId.get(id);
    const onList = o ? o.decision === "include" : selected.has(id);
    if (onList)
      out.push({ nominationId: id, position: out.length + 1, override: o && !selected.has(id) ? o : null });
  }
  return out;
}

/** An override that changes nothing (include a selected one, exclude one not selected) is refused. */
export function overrideChangesSelection(decision: Override["decision"], selected: boolean): boolean {
  return decision === "include" ? !selected : selected;
}
