import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { DomainError } from "~/domain/errors";
import { isWithin } from "~/domain/org-tree";
import type { Actor } from "./audit.server";
import type { JudgingCategory } from "./judging-category.server";
import { addPanelJudge, listJudgeCandidates } from "./panel.server";

/*
 * Several judges put on a panel in one submit (decision 019). Each goes through addPanelJudge, as
 * one added alone does, in the caller's transaction: a judge who may not join refuses the whole
 * submit, naming them. The answer says, per judge, how many of the category's nominations they
 * will be kept away from (回避: nominations from their own org or below it, the rule the
 * assignment applies), so that a judge who could score nothing is seen at once.
 */

type Cat = Pick<JudgingCategory, "id" | "org_path" | "stage" | "judges_per_nomination">;

/** Judges ticked at once, at most: more than any panel we know of. */
export const MAX_JUDGES_AT_ONCE = 200;

/** Nominations that will reach judging or already have; drafts and refusals never do. */
const NOT_JUDGED = ["draft", "withdrawn", "ineligible", "returned"] as const;

export interface AddedJudge {
  name: string;
  org: string | null;
  /** Live nominations of the category the judge must stay away from. */
  recused: number;
  /** Live nominations of the category in all. */
  nominations: number;
}

export async function addPanelJudges(
  trx: Transaction<Database>,
  actor: Actor,
  cat: Cat,
  userIds: number[],
): Promise<AddedJudge[]> {
  const wanted = [...new Set(userIds)];
  const candidates = new Map((await listJudgeCandidates(trx, cat)).map((c) => [c.id, c]));
  const refused = wanted.find((id) => !candidates.has(id));
  if (refused !== undefined) {
    const user = await trx
      .selectFrom("users")
      .select("display_name")
      .where("id", "=", refused)
      .executeTakeFirst();
    throw new DomainError("judging.panel.cannotAdd", { name: user?.display_name ?? `#${refused}` }, "userId");
  }
  const [nominations, orgs] = await Promise.all([
    trx
      .selectFrom("nominations")
      .innerJoin("orgs", "orgs.id", "nominations.org_id")
      .select("orgs.path")
      .where("nominations.category_id", "=", cat.id)
      .where("nominations.status", "not in", NOT_JUDGED)
      .execute(),
    trx
      .selectFrom("users")
      .leftJoin("orgs", "orgs.id", "users.org_id")
      .select(["users.id", "orgs.path"])
      .where("users.id", "in", wanted)
      .execute(),
  ]);
  const orgPath = new Map(orgs.map((o) => [o.id, o.path]));
  const added: AddedJudge[] = [];
  for (const id of wanted) {
    await addPanelJudge(trx, actor, cat, id);
    const path = orgPath.get(id) ?? null;
    const c = candidates.get(id)!;
    added.push({
      name: c.display_name,
      org: c.org_name,
      recused: path === null ? 0 : nominations.filter((n) => isWithin(n.path, path)).length,
      nominations: nominations.length,
    });
  }
  return added;
}
