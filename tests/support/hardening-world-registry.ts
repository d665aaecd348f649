import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { registryAuditPath, saveCounty } from "~/models/county.server";
import { getHelperByRef, saveHelper } from "~/models/helper.server";
import { createPairing } from "~/models/pairing.server";
import { addMember, createTeam } from "~/models/team.server";
import { createActivity } from "~/models/activity.server";
import { createProject } from "~/models/project.server";
import { parseActivity } from "~/domain/activities/activity-input";
import { ProjectSchema } from "~/domain/activities/project-input";
import { chinaToday } from "~/domain/notice/iso-date";
import type { CountyRow } from "~/domain/registry/registry-rows";
import type { OrgRow } from "~/models/org.server";

const county = (code: string, name: string): CountyRow => ({
  code,
  name,
  city: "世界甲市",
  poverty_level: "deep",
  exited_year: null,
  needs: "",
});

/**
 * The registry and aid records of city A (decisions 007, 008): the county of the nominating org's
 * region code (city A's admins and the county's manage it) and one of the second county's (city A's
 * admins only), a helper of city A paired with each, a team of city A with an activity, a project.
 */
export async function makeRegistry(db: Kysely<Database>, dataKey: Buffer, cityA: OrgRow) {
  const audit = await registryAuditPath(db);
  await db.transaction().execute((trx) => saveCounty(trx, SYSTEM_ACTOR, county("610124", "世界一县"), audit));
  await db.transaction().execute((trx) => saveCounty(trx, SYSTEM_ACTOR, county("610125", "世界二县"), audit));
  const counties = await db
    .selectFrom("counties")
    .select(["id", "code"])
    .where("code", "in", ["610124", "610125"])
    .orderBy("code")
    .execute();
  await db.transaction().execute((trx) =>
    saveHelper(
      trx,
      SYSTEM_ACTOR,
      dataKey,
      {
        id: "W-0001",
        kind: "unit",
        name: "世界帮扶企业",
        city: "世界甲市",
        skills: "",
        capacity: 5,
        level: null,
        title: null,
        year: null,
        ownership: null,
        workplace: null,
        contact: "13800000000",
      },
      cityA.id,
      audit,
    ),
  );
  const helper = (await getHelperByRef(db, "W-0001"))!;
  const pairings: number[] = [];
  for (const c of counties)
    pairings.push(
      await db
        .transaction()
        .execute((trx) =>
          createPairing(
            trx,
            SYSTEM_ACTOR,
            { helper, county: c, tier: "city", startedOn: null, source: "form" },
            audit,
          ),
        ),
    );

  const team = await db.transaction().execute((trx) => createTeam(trx, SYSTEM_ACTOR, "世界服务队", cityA));
  const text = {
    team: team.name,
    date: "2018-05-01",
    county_code: "610124",
    village: "东村",
    kind: "技术培训",
    funds_yuan: "100.00",
    person_times: "3",
    households_helped: "2",
    people_helped: "5",
    households_lifted: "1",
    people_lifted: "2",
  };
  const activity = parseActivity(text, chinaToday());
  if (!activity.ok) throw new Error(JSON.stringify(activity.issues));
  const { team: _t, countyCode: _c, org: _o, ...rest } = activity.value;
  await db
    .transaction()
    .execute((trx) =>
      createActivity(trx, SYSTEM_ACTOR, team, { ...rest, teamId: team.id, countyId: counties[0].id }),
    );
  // A second team of city A with a member: the member is a child of another parent (issue #14).
  const otherTeam = await db.transaction().execute((trx) => createTeam(trx, SYSTEM_ACTOR, "世界二队", cityA));
  await db
    .transaction()
    .execute((trx) =>
      addMember(trx, SYSTEM_ACTOR, otherTeam, { name: "世界队员", workplace: "", skills: "" }),
    );
  const otherMember = await db
    .selectFrom("aid_team_members")
    .select("id")
    .where("team_id", "=", otherTeam.id)
    .executeTakeFirstOrThrow();
  const projectId = await db.transaction().execute((trx) =>
    createProject(
      trx,
      SYSTEM_ACTOR,
      ProjectSchema.parse({
        helperId: helper.id,
        countyId: counties[0].id,
        title: "世界产业项目",
        investment: "1000",
        status: "ongoing",
      }),
      helper.org_path,
    ),
  );

  return {
    registry: {
      countyId: counties[0].id,
      scratchCountyId: counties[1].id,
      helperId: helper.id,
      pairingId: pairings[0],
      scratchPairingId: pairings[1],
    },
    aid: { teamId: team.id, projectId, otherTeamMemberId: otherMember.id },
  };
}
