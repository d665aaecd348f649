import type { Transaction } from "kysely";
import type { Database } from "../db/schema";
import { seededRandom } from "../app/domain/seeded-random";
import { SYSTEM_ACTOR } from "../app/models/audit.server";
import { insertActivities, type ActivityInsert } from "../app/models/activity.server";
import { createProject } from "../app/models/project.server";
import { addMember, createTeam, type TeamRecord } from "../app/models/team.server";

const TEAM_KINDS = ["农业技术服务队", "医疗卫生服务队", "电商技能服务队"];
const ACTIVITY_KINDS = ["技术培训", "产业指导", "义诊", "捐资助学", "电商培训", "劳务对接"];
const VILLAGE_STEMS = [
  "杨家",
  "李家",
  "王庄",
  "河湾",
  "石门",
  "柳树",
  "东坡",
  "前进",
  "红星",
  "新民",
  "枣林",
  "黄土",
];
const MEMBERS = ["张建国", "李秀英", "王志强", "刘海燕", "陈伟明", "杨丽华"];
const ACTIVITIES = 320;

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const between = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

/** A few teams under city federations whose cities have poverty counties. */
async function loadTeams(
  trx: Transaction<Database>,
  cities: string[],
  rng: Rng,
): Promise<Map<string, TeamRecord[]>> {
  const teams = new Map<string, TeamRecord[]>();
  for (const city of cities) {
    const org = await trx
      .selectFrom("orgs")
      .select(["id", "name", "path"])
      .where("name", "=", `${city}总工会`)
      .executeTakeFirst();
    const list: TeamRecord[] = [];
    for (const kind of TEAM_KINDS.slice(0, 1 + Math.floor(rng() * 2))) {
      const team = await createTeam(trx, SYSTEM_ACTOR, `${city}总工会${kind}`, org ?? null);
      for (let m = 0; m < 3; m++)
        await addMember(trx, SYSTEM_ACTOR, team, {
          name: pick(rng, MEMBERS),
          workplace: `${city}某单位`,
          skills: kind.slice(0, 2),
        });
      list.push(team);
    }
    teams.set(city, list);
  }
  return teams;
}

function activity(
  rng: Rng,
  team: TeamRecord,
  county: { id: number; name: string },
  i: number,
): ActivityInsert {
  const year = i % 2 === 0 ? 2017 : 2018;
  const date = new Date(Date.UTC(year, 0, 1) + between(rng, 0, 364) * 86_400_000).toISOString().slice(0, 10);
  const people = between(rng, 5, 120);
  const households = between(rng, 2, Math.floor(people / 2));
  const peopleLifted = Math.floor(people * rng() * 0.4);
  return {
    teamId: team.id,
    countyId: county.id,
    date,
    year,
    village: `${pick(rng, VILLAGE_STEMS)}村`,
    kind: pick(rng, ACTIVITY_KINDS),
    person_times: between(rng, 3, 60),
    fundsFen: between(rng, 0, 50_000) * 100 + (rng() < 0.3 ? between(rng, 1, 99) : 0),
    households_helped: households,
    people_helped: people,
    households_lifted: Math.min(households, Math.floor(peopleLifted / 3)),
    people_lifted: peopleLifted,
  };
}

/** A handful of projects by the first helpers, in counties of their city where there are any. */
async function loadProjects(
  trx: Transaction<Database>,
  counties: { id: number; city: string }[],
  rng: Rng,
): Promise<void> {
  const helpers = await trx
    .selectFrom("helpers")
    .leftJoin("orgs", "orgs.id", "helpers.org_id")
    .select(["helpers.id", "helpers.city", "orgs.path"])
    .orderBy("helpers.id")
    .limit(8)
    .execute();
  const titles = [
    "苹果产业示范园",
    "扶贫车间",
    "光伏电站",
    "乡村道路硬化",
    "中药材种植基地",
    "技能培训中心",
    "饮水安全工程",
    "电商服务站",
  ];
  for (const [i, h] of helpers.entries()) {
    const county = counties.find((c) => c.city === h.city) ?? pick(rng, counties);
    const status = pick(rng, ["planned", "ongoing", "completed"] as const);
    await createProject(
      trx,
      SYSTEM_ACTOR,
      {
        helperId: h.id,
        countyId: county.id,
        title: titles[i % titles.length],
        investment: between(rng, 5, 800) * 1_000_000,
        startedOn: `${2017 + (i % 2)}-0${1 + (i % 9)}-01`,
        endedOn: status === "completed" ? "2018-12-31" : null,
        status,
      },
      h.path,
    );
  }
}

/**
 * Demo aid teams, a few hundred seeded activities across 2017–2018 in the poverty counties, and a
 * few projects. Runs after the registry demo: with no counties loaded it loads nothing.
 */
export async function loadActivitiesDemo(trx: Transaction<Database>): Promise<void> {
  const counties = await trx.selectFrom("counties").select(["id", "name", "city"]).orderBy("code").execute();
  if (counties.length === 0) return;
  const rng = seededRandom(2017);
  const cities = [...new Set(counties.map((c) => c.city))];
  const teams = await loadTeams(trx, cities, rng);
  const seen = new Set<string>();
  const activities: ActivityInsert[] = [];
  for (let i = 0; activities.length < ACTIVITIES && i < ACTIVITIES * 3; i++) {
    const county = pick(rng, counties);
    const a = activity(rng, pick(rng, teams.get(county.city)!), county, i);
    const key = `${a.teamId}|${a.date}|${a.countyId}|${a.village}|${a.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    activities.push(a);
  }
  await insertActivities(trx, activities);
  await loadProjects(trx, counties, rng);
}
