import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { HONOR_LEVELS, type HonorLevel } from "~/domain/registry/vocabulary";
import { cityOfOrgName } from "~/domain/registry/registry-scope";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";

/*
 * The bridge from a published honor roll to the registry (issue 6, item 2). Publication calls
 * `registerHonoreesAsHelpers` inside its transaction; revocation calls `markHonoreeHelperRevoked`.
 */

/** A new honoree helper can pair with this many counties until an admin says otherwise. */
export const HONOREE_CAPACITY = 1;

/**
 * The honoree's city (decision 007): the name, minus 总工会, of the nearest city-kind org at or
 * above the nominating org; "" when there is none (a provincial industry union), which is then
 * never "the same city" as a county.
 */
async function cityOfOrg(trx: Transaction<Database>, orgId: number): Promise<string> {
  const org = await trx.selectFrom("orgs").select("path").where("id", "=", orgId).executeTakeFirst();
  if (!org) return "";
  const ids = org.path.split("/").filter(Boolean).map(Number);
  const cities = await trx
    .selectFrom("orgs")
    .select(["id", "name"])
    .where("id", "in", ids)
    .where("kind", "=", "city")
    .execute();
  const nearest = cities.sort((a, b) => ids.indexOf(b.id) - ids.indexOf(a.id))[0];
  return nearest ? cityOfOrgName(nearest.name) : "";
}

/** Each commended nomination of a category that grants a model-worker title becomes a helper, once. */
export async function registerHonoreesAsHelpers(
  trx: Transaction<Database>,
  actor: Actor,
  categoryId: number,
): Promise<number> {
  const category = await trx
    .selectFrom("categories")
    .innerJoin("competitions", "competitions.id", "categories.competition_id")
    .innerJoin("orgs", "orgs.id", "competitions.org_id")
    .select([
      "categories.honor_level",
      "categories.honor_title",
      "categories.name",
      "competitions.year",
      "orgs.path as org_path",
    ])
    .where("categories.id", "=", categoryId)
    .executeTakeFirst();
  if (!category?.honor_level || !(HONOR_LEVELS as readonly string[]).includes(category.honor_level)) return 0;
  const honorees = await trx
    .selectFrom("nominations")
    .leftJoin("helpers", "helpers.nomination_id", "nominations.id")
    .select([
      "nominations.id",
      "nominations.ref",
      "nominations.kind",
      "nominations.name",
      "nominations.workplace",
      "nominations.org_id",
      "nominations.competition_id",
    ])
    .where("nominations.category_id", "=", categoryId)
    .where("nominations.status", "=", "commended")
    .where("helpers.id", "is", null)
    .orderBy("nominations.id")
    .execute();
  const now = nowIso();
  for (const n of honorees) {
    const values = {
      // Unique across competitions: a sheet's 编号 will not look like this.
      ref: `H${n.competition_id}-${n.ref}`,
      kind: n.kind === "collective" ? ("unit" as const) : ("worker" as const),
      name: n.name,
      city: await cityOfOrg(trx, n.org_id),
      skills: "",
      capacity: HONOREE_CAPACITY,
      level: category.honor_level as HonorLevel,
      title: category.honor_title ?? category.name,
      year: category.year,
      workplace: n.workplace,
      org_id: n.org_id,
      nomination_id: n.id,
      created_at: now,
      updated_at: now,
    };
    const { id } = await trx.insertInto("helpers").values(values).returning("id").executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: "helper.create",
      entity: "helper",
      entityId: id,
      orgPath: category.org_path,
      after: { ...values, source: "honor_roll" },
    });
  }
  return honorees.length;
}

/** The helper created from this nomination (if any) is marked revoked. */
export async function markHonoreeHelperRevoked(
  trx: Transaction<Database>,
  actor: Actor,
  nominationId: number,
): Promise<void> {
  const helper = await trx
    .selectFrom("helpers")
    .leftJoin("orgs", "orgs.id", "helpers.org_id")
    .select(["helpers.id", "helpers.revoked_at", "orgs.path"])
    .where("helpers.nomination_id", "=", nominationId)
    .executeTakeFirst();
  if (!helper || helper.revoked_at) return;
  const at = nowIso();
  await trx
    .updateTable("helpers")
    .set({ revoked_at: at, updated_at: at })
    .where("id", "=", helper.id)
    .execute();
  await recordAudit(trx, actor, {
    action: "helper.revoke",
    entity: "helper",
    entityId: helper.id,
    orgPath: helper.path,
    after: { revoked_at: at },
  });
}
