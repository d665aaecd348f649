import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { DomainError } from "~/domain/errors";
import { effectiveRules, type CompositionRule } from "~/domain/judging/composition-rules";
import { chooseReplacement } from "~/domain/notice/promotion";
import { type Actor, recordAudit } from "./audit.server";
import { transitionNomination } from "./nomination.server";

const ATTRIBUTE_COLUMNS = [
  "n.gender",
  "n.ethnicity",
  "n.occupation_group",
  "n.migrant",
  "n.sector",
  "n.political_status",
  "n.education",
] as const;

function nominationsOfCategory(trx: Transaction<Database>, categoryId: number) {
  return trx
    .selectFrom("nominations as n")
    .innerJoin("proposed_entries as p", "p.nomination_id", "n.id")
    .innerJoin("orgs as o", "o.id", "n.org_id")
    .select(["n.id", "n.ref", "n.status", "o.path as org_path", "p.rank", "p.proposed", ...ATTRIBUTE_COLUMNS])
    .where("n.category_id", "=", categoryId)
    .orderBy("p.rank")
    .orderBy("n.ref")
    .execute();
}

async function categoryRules(
  trx: Transaction<Database>,
  categoryId: number,
): Promise<{ quota: number; rules: CompositionRule[] }> {
  const cat = await trx
    .selectFrom("categories")
    .select(["quota"])
    .where("id", "=", categoryId)
    .executeTakeFirstOrThrow();
  const rows = await trx
    .selectFrom("composition_rules")
    .select(["label", "attribute", "values_json", "op", "share"])
    .where("category_id", "=", categoryId)
    .orderBy("position")
    .execute();
  return {
    quota: cat.quota,
    rules: effectiveRules(
      rows.map((r) => ({
        label: r.label,
        attribute: r.attribute,
        values: JSON.parse(r.values_json) as string[],
        op: r.op,
        share: r.share,
      })),
    ).rules,
  };
}

/**
 * Puts the best-ranked scored nomination that keeps every composition rule on notice in the
 * withdrawn entry's place (`position`); refuses when none does. Run inside a transaction.
 */
export async function promoteReplacement(
  trx: Transaction<Database>,
  actor: Actor,
  categoryId: number,
  position: number | null,
): Promise<number> {
  const [{ quota, rules }, all] = await Promise.all([
    categoryRules(trx, categoryId),
    nominationsOfCategory(trx, categoryId),
  ]);
  const attributes = (n: (typeof all)[number]) => ({
    gender: n.gender,
    ethnicity: n.ethnicity,
    occupation_group: n.occupation_group,
    migrant: n.migrant,
    sector: n.sector,
    political_status: n.political_status,
    education: n.education,
  });
  const kept = all.filter((n) => n.status === "on_notice").map(attributes);
  const candidates = all
    .filter((n) => n.status === "scored" && !n.proposed)
    .map((n) => ({ id: n.id, rank: n.rank, attributes: attributes(n), row: n }));
  const chosen = chooseReplacement({ quota, rules, kept, candidates });
  if (!chosen) throw new DomainError("objection.noPromotion", undefined, "promote");
  const row = candidates.find((c) => c.id === chosen.id)!.row;
  await transitionNomination(
    trx,
    actor,
    { id: row.id, status: "scored", org_path: row.org_path },
    "shortlisted",
    "admin",
  );
  await transitionNomination(
    trx,
    actor,
    { id: row.id, status: "shortlisted", org_path: row.org_path },
    "on_notice",
    "admin",
  );
  const last = all.filter((n) => n.proposed).length;
  await trx
    .updateTable("proposed_entries")
    .set({
      proposed: 1,
      position: position ?? last + 1,
      override_reason: "promoted after an upheld objection",
    })
    .where("nomination_id", "=", row.id)
    .execute();
  await recordAudit(trx, actor, {
    action: "notice.promote",
    entity: "nomination",
    entityId: row.id,
    orgPath: row.org_path,
    after: { category_id: categoryId, position },
  });
  return row.id;
}
