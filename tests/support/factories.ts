import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { OrgKind, Role } from "../../app/domain/org-vocabulary";
import { createOrg, type OrgRow } from "../../app/models/org.server";
import { createUser } from "../../app/models/user.server";
import { SYSTEM_ACTOR } from "../../app/models/audit.server";
import { createCompetition, listCategories } from "../../app/models/competition.server";
import { CompetitionTemplateSchema } from "../../app/domain/competitions/template";

let counter = 0;
const next = () => ++counter;

export async function makeOrg(
  db: Kysely<Database>,
  parent: OrgRow | null = null,
  over: Partial<{ name: string; kind: OrgKind; regionCode: string | null }> = {},
) {
  return db.transaction().execute((trx) =>
    createOrg(trx, SYSTEM_ACTOR, parent, {
      name: over.name ?? `测试工会${next()}`,
      kind: over.kind ?? (parent ? "grassroots" : "provincial"),
      regionCode: over.regionCode ?? null,
    }),
  );
}

export const TEST_PASSWORD = "correct-horse-battery";

export async function makeUser(
  db: Kysely<Database>,
  org: OrgRow,
  roles: Role[] = [],
  over: Partial<{ username: string; displayName: string }> = {},
) {
  const username = over.username ?? `user${next()}`;
  const id = await db.transaction().execute((trx) =>
    createUser(trx, SYSTEM_ACTOR, {
      username,
      displayName: over.displayName ?? username,
      password: TEST_PASSWORD,
      org,
      roles,
    }),
  );
  return { id, username };
}

/** A small tree: province → two cities → a county under the first. */
export async function makeTree(db: Kysely<Database>) {
  const province = await makeOrg(db, null, {
    name: "测试省总工会",
    kind: "provincial",
    regionCode: "610000",
  });
  const cityA = await makeOrg(db, province, { name: "甲市总工会", kind: "city", regionCode: "610100" });
  const cityB = await makeOrg(db, province, { name: "乙市总工会", kind: "city", regionCode: "610300" });
  const county = await makeOrg(db, cityA, { name: "甲市某县总工会", kind: "county", regionCode: "610124" });
  return { province, cityA, cityB, county };
}

/**
 * The nominations tests' competition, opened for nominating: 先进个人 (quota 5) with places for the
 * tree's two cities and the county, and 先进集体 (quota 2) with places for the first city.
 */
export async function makeNominatingCompetition(
  db: Kysely<Database>,
  tree: Awaited<ReturnType<typeof makeTree>>,
  places: { cityA: number; cityB: number; county: number; collective: number },
) {
  const template = CompetitionTemplateSchema.parse({
    title: "2018年度全省工会脱贫攻坚竞赛",
    year: 2018,
    organizer: tree.province.name,
    categories: [
      {
        name: "先进个人",
        kind: "individual",
        quota: 5,
        criteria: [{ title: "事迹突出", max_points: 100 }],
        allocations: [
          { org: tree.cityA.name, nominations: places.cityA },
          { org: tree.cityB.name, nominations: places.cityB },
          { org: tree.county.name, nominations: places.county },
        ],
      },
      {
        name: "先进集体",
        kind: "collective",
        quota: 2,
        criteria: [{ title: "成效", max_points: 100 }],
        allocations: [{ org: tree.cityA.name, nominations: places.collective }],
      },
    ],
  });
  const competitionId = await db
    .transaction()
    .execute((trx) => createCompetition(trx, SYSTEM_ACTOR, tree.province, template));
  await db.updateTable("competitions").set({ stage: "nominating" }).where("id", "=", competitionId).execute();
  const [individual, collective] = await listCategories(db, competitionId);
  return { competitionId, individual, collective };
}
