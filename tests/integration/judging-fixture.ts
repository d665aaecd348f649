import type { Kysely } from "kysely";
import type { Database, NominationTable } from "../../db/schema";
import type { Stage } from "../../app/domain/competitions/vocabulary";
import { makeNominatingCompetition, makeOrg, makeTree, makeUser } from "../support/factories";
import type { OrgRow } from "~/models/org.server";

let refCounter = 0;

/** An eligible nomination written straight into the table: judging needs no more of its story. */
export async function insertEligible(
  db: Kysely<Database>,
  c: { competitionId: number; categoryId: number },
  org: OrgRow,
  over: Partial<Pick<NominationTable, "name" | "gender" | "occupation_group" | "status">> = {},
) {
  const ref = `J-${String(++refCounter).padStart(4, "0")}`;
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto("nominations")
    .values({
      competition_id: c.competitionId,
      category_id: c.categoryId,
      org_id: org.id,
      ref,
      kind: "individual",
      status: over.status ?? "eligible",
      name: over.name ?? `候选人${refCounter}`,
      gender: over.gender ?? "male",
      ethnicity: "汉族",
      birth_date: "1980-01-01",
      political_status: null,
      education: null,
      workplace: "某厂",
      post: "工人",
      occupation_group: over.occupation_group ?? "frontline",
      migrant: 0,
      sector: null,
      id_number_enc: null,
      id_number_hash: null,
      id_number_masked: null,
      phone_enc: null,
      phone_masked: null,
      collective_kind: null,
      member_count: null,
      leader: null,
      summary: "事迹",
      deeds: "主要事迹",
      version: 1,
      created_by: null,
      created_at: now,
      updated_at: now,
      submitted_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id, ref };
}

export async function setStage(db: Kysely<Database>, competitionId: number, stage: Stage) {
  await db.updateTable("competitions").set({ stage }).where("id", "=", competitionId).execute();
}

/**
 * A province with two cities (and a county under the first), an industry union, an admin at the
 * province, judges in city A, city B and the industry union, and the 先进个人 category in judging.
 */
export async function makeJudgingWorld(db: Kysely<Database>) {
  const tree = await makeTree(db);
  const industry = await makeOrg(db, tree.province, {
    name: `产业工会${Math.random().toString(36).slice(2, 6)}`,
    kind: "industry",
  });
  const admin = await makeUser(db, tree.province, ["admin"]);
  const judgeA = await makeUser(db, tree.cityA, [], { displayName: "评委甲" });
  const judgeB = await makeUser(db, tree.cityB, [], { displayName: "评委乙" });
  const judgeC = await makeUser(db, industry, [], { displayName: "评委丙" });
  for (const j of [judgeA, judgeB, judgeC])
    await db
      .insertInto("role_grants")
      .values({
        user_id: j.id,
        org_id: tree.province.id,
        role: "judge",
        granted_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
  const comp = await makeNominatingCompetition(db, tree, { cityA: 10, cityB: 10, county: 10, collective: 2 });
  await setStage(db, comp.competitionId, "judging");
  return {
    tree,
    industry,
    admin,
    judges: [judgeA, judgeB, judgeC],
    ...comp,
    target: { competitionId: comp.competitionId, categoryId: comp.individual.id },
  };
}
