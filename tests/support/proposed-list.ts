import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { OccupationGroup } from "../../app/domain/nominations/vocabulary";
import { nowIso } from "../../app/utils/time.server";

/**
 * The state the judging step leaves when a competition enters `notice` (see ProposedEntryTable):
 * every ranked nomination in proposed_entries, the proposed ones `shortlisted`, the rest `scored`.
 * Built directly, so notice and publication tests depend on no judging table.
 */
export interface RankedNominee {
  name: string;
  gender?: "male" | "female";
  orgId: number;
  workplace?: string;
  occupationGroup?: OccupationGroup;
  /** Put on the proposed list, in the order given. */
  proposed: boolean;
}

let seq = 0;

/** Inserts a scored individual nomination with private fields filled, as the real ones have. */
export async function insertRankedNomination(
  db: Kysely<Database>,
  competitionId: number,
  categoryId: number,
  n: RankedNominee,
): Promise<number> {
  seq++;
  const now = nowIso();
  const { id } = await db
    .insertInto("nominations")
    .values({
      competition_id: competitionId,
      category_id: categoryId,
      org_id: n.orgId,
      ref: `T${String(seq).padStart(4, "0")}`,
      kind: "individual",
      status: "scored",
      name: n.name,
      gender: n.gender ?? "male",
      ethnicity: "汉族",
      birth_date: "1979-06-1" + (seq % 10),
      political_status: "中共党员",
      education: "大专",
      workplace: n.workplace ?? "陕西某某机械有限公司",
      post: "班组长",
      occupation_group: n.occupationGroup ?? "frontline",
      migrant: 0,
      sector: "state",
      id_number_enc: "v1:SECRET-ID",
      id_number_hash: `hash-${seq}`,
      id_number_masked: "6101**********" + String(1000 + seq).slice(-4),
      phone_enc: "v1:SECRET-PHONE",
      phone_masked: "138****" + String(1000 + seq).slice(-4),
      summary: `${n.name}扎根一线，成绩突出。`,
      deeds: "主要事迹（评委可见）。",
      version: 1,
      created_at: now,
      updated_at: now,
      submitted_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** Advances the competition to `notice` and writes the ranking of `nominationIds` (best first). */
export async function writeProposedList(
  db: Kysely<Database>,
  competitionId: number,
  categoryId: number,
  ranked: { id: number; proposed: boolean }[],
): Promise<void> {
  let position = 0;
  for (const [i, r] of ranked.entries()) {
    await db
      .insertInto("proposed_entries")
      .values({
        category_id: categoryId,
        nomination_id: r.id,
        rank: i + 1,
        score: 90 - i,
        tied: 0,
        proposed: r.proposed ? 1 : 0,
        position: r.proposed ? ++position : null,
        override_reason: null,
      })
      .execute();
    await db
      .updateTable("nominations")
      .set({ status: r.proposed ? "shortlisted" : "scored" })
      .where("id", "=", r.id)
      .execute();
  }
  await db.updateTable("competitions").set({ stage: "notice" }).where("id", "=", competitionId).execute();
}

/** Both at once: nominees in ranking order. Returns their nomination ids in the same order. */
export async function makeProposedList(
  db: Kysely<Database>,
  competitionId: number,
  categoryId: number,
  nominees: RankedNominee[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const n of nominees) ids.push(await insertRankedNomination(db, competitionId, categoryId, n));
  await writeProposedList(
    db,
    competitionId,
    categoryId,
    ids.map((id, i) => ({ id, proposed: nominees[i].proposed })),
  );
  return ids;
}
