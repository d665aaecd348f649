import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import {
  aggregate,
  AGGREGATION_METHODS,
  type AggregationMethod,
  type SubmittedSheet,
} from "~/domain/judging/aggregation";
import { rankAggregation, type Ranking } from "~/domain/judging/ranking";
import { selectNominations, type Selection } from "~/domain/judging/selection";
import { finalList, type Override } from "~/domain/judging/committee";
import {
  getJudgingCategory,
  listJudgedNominations,
  type JudgedNomination,
  type JudgingCategory,
} from "./judging-category.server";

/** Every submitted sheet of the category's judged nominations, in the domain's shape. */
export async function loadSubmittedSheets(
  db: Kysely<Database>,
  categoryId: number,
  refOf: Map<number, string>,
): Promise<SubmittedSheet[]> {
  const rows = await db
    .selectFrom("score_sheets")
    .select(["nomination_id", "panel_member_id", "total", "points_json"])
    .where("category_id", "=", categoryId)
    .where("status", "=", "submitted")
    .execute();
  const sheets: SubmittedSheet[] = [];
  for (const r of rows) {
    const ref = refOf.get(r.nomination_id);
    if (ref !== undefined)
      sheets.push({
        ref,
        judgeId: r.panel_member_id,
        total: Number(r.total),
        criterionPoints: (JSON.parse(r.points_json) as (number | null)[]).map((p) => p ?? 0),
      });
  }
  return sheets;
}

export function listOverrides(
  db: Kysely<Database>,
  categoryId: number,
): Promise<(Override & { decided_at: string })[]> {
  return db
    .selectFrom("committee_overrides")
    .select(["nomination_id as nominationId", "decision", "reason", "decided_at"])
    .where("category_id", "=", categoryId)
    .execute();
}

export interface ResultEntry {
  nominationId: number;
  ref: string;
  name: string;
  score: number;
  rank: number;
  tied: boolean;
  disagreement: number;
  sheetCount: number;
}

export interface CategoryResults {
  category: JudgingCategory;
  method: AggregationMethod;
  fallbackToMean: boolean;
  entries: ResultEntry[];
  unscored: { ref: string; name: string }[];
  selection: Selection;
  overrides: (Override & { decided_at: string })[];
  /** The committee's list: the selection with the overrides applied, in ranking order. */
  final: { nominationId: number; ref: string; position: number; override: Override | null }[];
}

function selectionOf(
  cat: JudgingCategory,
  ranking: Ranking,
  byRef: Map<string, JudgedNomination>,
): Selection {
  return selectNominations({
    quota: cat.quota,
    rules: cat.rules,
    candidates: ranking.entries.map((e) => {
      const n = byRef.get(e.ref)!;
      return {
        ref: e.ref,
        rank: e.rank,
        attributes: {
          gender: n.gender,
          ethnicity: n.ethnicity,
          occupation_group: n.occupation_group,
          migrant: n.migrant,
          sector: n.sector,
          political_status: n.political_status,
          education: n.education,
        },
      };
    }),
  });
}

/**
 * The live ranking and selection of a category (docs/domain.md#ranking): the results page, the CLI and the
 * proposed list all read this. `method` defaults to the category's own.
 */
export async function categoryResults(
  db: Kysely<Database>,
  categoryId: number,
  method?: AggregationMethod,
): Promise<CategoryResults | undefined> {
  const cat = await getJudgingCategory(db, categoryId);
  if (!cat) return undefined;
  const nominations = await listJudgedNominations(db, categoryId);
  const byRef = new Map(nominations.map((n) => [n.ref, n]));
  const sheets = await loadSubmittedSheets(db, categoryId, new Map(nominations.map((n) => [n.id, n.ref])));
  const m = method ?? cat.aggregation;
  const aggregation = aggregate(sheets, m);
  const ranking = rankAggregation(nominations, aggregation);
  const selection = selectionOf(cat, ranking, byRef);
  const overrides = await listOverrides(db, categoryId);
  const entries = ranking.entries.map((e) => {
    const s = aggregation.scores.get(e.ref)!;
    return {
      nominationId: byRef.get(e.ref)!.id,
      ref: e.ref,
      name: e.name,
      score: e.score,
      rank: e.rank,
      tied: e.tied,
      disagreement: s.disagreement,
      sheetCount: s.sheetCount,
    };
  });
  const final = finalList(
    entries.map((e) => e.nominationId),
    new Set(selection.selected.map((s) => byRef.get(s.ref)!.id)),
    overrides,
  ).map((f) => ({ ...f, ref: entries.find((e) => e.nominationId === f.nominationId)!.ref }));
  return {
    category: cat,
    method: m,
    fallbackToMean: ranking.fallbackToMean,
    entries,
    unscored: ranking.unscored,
    selection,
    overrides,
    final,
  };
}

/** The four methods side by side: each nomination's rank under each, and whether they disagree. */
export async function compareMethods(db: Kysely<Database>, categoryId: number) {
  const nominations = await listJudgedNominations(db, categoryId);
  const sheets = await loadSubmittedSheets(db, categoryId, new Map(nominations.map((n) => [n.id, n.ref])));
  const rankings = AGGREGATION_METHODS.map((method) =>
    rankAggregation(nominations, aggregate(sheets, method)),
  );
  const rows = new Map<
    string,
    { ref: string; name: string; byMethod: Record<string, { score: number; rank: number }> }
  >();
  for (const r of rankings) {
    for (const e of r.entries) {
      const row = rows.get(e.ref) ?? { ref: e.ref, name: e.name, byMethod: {} };
      row.byMethod[r.method] = { score: e.score, rank: e.rank };
      rows.set(e.ref, row);
    }
  }
  return {
    methods: AGGREGATION_METHODS,
    fallbackToMean: rankings.find((r) => r.method === "trimmed")!.fallbackToMean,
    rows: [...rows.values()].map((row) => ({
      ...row,
      changed: new Set(Object.values(row.byMethod).map((v) => v.rank)).size > 1,
    })),
  };
}
