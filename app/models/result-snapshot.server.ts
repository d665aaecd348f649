import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { AggregationMethod } from "~/domain/judging/aggregation";
import type { Selection } from "~/domain/judging/selection";
import { nowIso } from "~/utils/time.server";
import type { Actor } from "./audit.server";
import { compareMethods, type CategoryResults } from "./results.server";

/** One entry as the committee decided on it (decision 018). */
export interface SnapshotEntry {
  ref: string;
  name: string;
  /** The score under the decided method. */
  score: number;
  /** The z-score standard score (标准分), whatever the method: removals change it most. */
  standard: number | null;
  rank: number;
  tied: boolean;
  disagreement: number;
  sheetCount: number;
  /** Place on the committee's list; null when not on it. */
  position: number | null;
  override: { decision: "include" | "exclude"; reason: string } | null;
  /** Rank and score under each method, as the comparison showed them. */
  byMethod: Record<string, { score: number; rank: number }>;
}

export interface ResultSnapshot {
  method: AggregationMethod;
  fallbackToMean: boolean;
  decidedBy: string;
  decidedAt: string;
  entries: SnapshotEntry[];
  selection: Selection & { skipped: (Selection["skipped"][number] & { name: string })[] };
}

/**
 * Freezes the category's results as decided: written in the transaction that leaves `deciding`,
 * beside the proposed list, so no later removal or correction changes what the committee saw.
 */
export async function writeResultSnapshot(
  trx: Transaction<Database>,
  actor: Actor,
  r: CategoryResults,
): Promise<void> {
  const comparison = await compareMethods(trx, r.category.id);
  const byMethod = new Map(comparison.rows.map((row) => [row.ref, row.byMethod]));
  const onList = new Map(r.final.map((f) => [f.nominationId, f.position]));
  const overrides = new Map(r.overrides.map((o) => [o.nominationId, o]));
  const names = new Map(r.entries.map((e) => [e.ref, e.name]));
  const entries: SnapshotEntry[] = r.entries.map((e) => {
    const o = overrides.get(e.nominationId);
    return {
      ref: e.ref,
      name: e.name,
      score: e.score,
      standard: byMethod.get(e.ref)?.zscore?.score ?? null,
      rank: e.rank,
      tied: e.tied,
      disagreement: e.disagreement,
      sheetCount: e.sheetCount,
      position: onList.get(e.nominationId) ?? null,
      override: o ? { decision: o.decision, reason: o.reason } : null,
      byMethod: byMethod.get(e.ref) ?? {},
    };
  });
  const selection = {
    ...r.selection,
    skipped: r.selection.skipped.map((s) => ({ ...s, name: names.get(s.ref) ?? "" })),
  };
  await trx.deleteFrom("result_snapshots").where("category_id", "=", r.category.id).execute();
  await trx
    .insertInto("result_snapshots")
    .values({
      category_id: r.category.id,
      method: r.method,
      fallback_to_mean: r.fallbackToMean ? 1 : 0,
      decided_by: actor.userId,
      decided_by_label: actor.label,
      decided_at: nowIso(),
      entries_json: JSON.stringify(entries),
      selection_json: JSON.stringify(selection),
    })
    .execute();
}

/** The category's decided results, or undefined before the decision (or for a list decided before snapshots). */
export async function getResultSnapshot(
  db: Kysely<Database>,
  categoryId: number,
): Promise<ResultSnapshot | undefined> {
  const row = await db
    .selectFrom("result_snapshots as s")
    .leftJoin("users as u", "u.id", "s.decided_by")
    .select([
      "s.method",
      "s.fallback_to_mean",
      "s.decided_by_label",
      "u.display_name",
      "s.decided_at",
      "s.entries_json",
      "s.selection_json",
    ])
    .where("s.category_id", "=", categoryId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    method: row.method as AggregationMethod,
    fallbackToMean: row.fallback_to_mean === 1,
    decidedBy: row.display_name ?? row.decided_by_label,
    decidedAt: row.decided_at,
    entries: JSON.parse(row.entries_json) as SnapshotEntry[],
    selection: JSON.parse(row.selection_json) as ResultSnapshot["selection"],
  };
}
