import fs from "node:fs";
import { type Kysely, sql, type Transaction } from "kysely";
import { dialectOf } from "../db/dialect";
import type { Database } from "../db/schema";
import type { OrgKind, Role } from "../app/domain/org-vocabulary";
import { parseCsv } from "../app/domain/csv";
import { createOrg, type OrgRow } from "../app/models/org.server";
import { createUser, grantRole } from "../app/models/user.server";
import { SYSTEM_ACTOR } from "../app/models/audit.server";
import { advanceCompetition, createCompetition, getCompetition } from "../app/models/competition.server";
import { createNomination } from "../app/models/nomination.server";
import type { CompetitionTemplate } from "../app/domain/competitions/template";
import { collective, individual, seeded } from "./people";
import { loadRegistryDemo } from "./registry";
import { loadActivitiesDemo } from "./activities";
import { loadCalendarDemo } from "./calendar";
import { loadCompetitionHistory } from "./history";
import { loadContestDemo, SOE_UNIONS } from "./contest";

export const DEMO_PASSWORD = "laurel-demo-2026";

const PROVINCE = "陕西省总工会";
const CITIES: [string, string][] = [
  ["西安市总工会", "610100"],
  ["铜川市总工会", "610200"],
  ["宝鸡市总工会", "610300"],
  ["咸阳市总工会", "610400"],
  ["渭南市总工会", "610500"],
  ["延安市总工会", "610600"],
  ["汉中市总工会", "610700"],
  ["榆林市总工会", "610800"],
  ["安康市总工会", "610900"],
  ["商洛市总工会", "611000"],
  ["杨凌示范区总工会", "610403"],
];
const INDUSTRY = ["省能源化学地质工会", "省建设工会", "省教科文卫体工会"];
const GRASSROOTS: [string, string][] = [
  ["西安交通大学工会", "省教科文卫体工会"],
  ["大唐灞桥热电厂工会", "省能源化学地质工会"],
];

export const DEMO_USERS: {
  username: string;
  displayName: string;
  role: Role;
  org: string;
  roleAt?: string;
}[] = [
  { username: "admin", displayName: "省总管理员", role: "admin", org: PROVINCE },
  { username: "xian_admin", displayName: "西安市总管理员", role: "admin", org: "西安市总工会" },
  { username: "nominator", displayName: "西安市总填报员", role: "nominator", org: "西安市总工会" },
  { username: "judge1", displayName: "评委一", role: "judge", org: "西安交通大学工会", roleAt: PROVINCE },
  { username: "judge2", displayName: "评委二", role: "judge", org: "省建设工会", roleAt: PROVINCE },
  { username: "judge3", displayName: "评委三", role: "judge", org: "宝鸡市总工会", roleAt: PROVINCE },
  { username: "judge4", displayName: "评委四", role: "judge", org: "大唐灞桥热电厂工会", roleAt: PROVINCE },
  { username: "judge5", displayName: "评委五", role: "judge", org: "汉中市总工会", roleAt: PROVINCE },
];

export function demoFile(name: string): string {
  return fs.readFileSync(new URL(`./${name}`, import.meta.url), "utf8");
}

export async function isEmptyDatabase(db: Kysely<Database>): Promise<boolean> {
  return !(await db.selectFrom("orgs").select("id").limit(1).executeTakeFirst());
}

/** The Shaanxi union tree: province, cities, a county federation per poverty county, industry and grassroots unions. */
async function loadOrgs(trx: Transaction<Database>): Promise<Map<string, OrgRow>> {
  const byName = new Map<string, OrgRow>();
  const add = async (parent: string | null, name: string, kind: OrgKind, regionCode: string | null) => {
    const org = await createOrg(trx, SYSTEM_ACTOR, parent ? byName.get(parent)! : null, {
      name,
      kind,
      regionCode,
    });
    byName.set(name, org);
  };
  await add(null, PROVINCE, "provincial", "610000");
  for (const [name, code] of CITIES) await add(PROVINCE, name, "city", code);
  const [header, ...rows] = parseCsv(demoFile("shaanxi-poverty-counties.csv"));
  const col = (n: string) => header.indexOf(n);
  for (const r of rows)
    await add(`${r[col("city")]}总工会`, `${r[col("name")]}总工会`, "county", r[col("code")]);
  for (const name of INDUSTRY) await add(PROVINCE, name, "industry", null);
  for (const [name, parent] of [...GRASSROOTS, ...SOE_UNIONS]) await add(parent, name, "grassroots", null);
  return byName;
}

export const DEMO_2018_TITLE = "2018年度全省工会脱贫攻坚竞赛";

/** Places per nominating union, and how many of them the demo fills. */
const PLACES = { city: { individual: 9, collective: 4 }, industry: { individual: 5, collective: 2 } };
const FILED = { city: { individual: 8, collective: 4 }, industry: { individual: 4, collective: 2 } };

function template2018(): CompetitionTemplate {
  const unions = [
    ...CITIES.map(([name]) => ({ name, kind: "city" as const })),
    ...INDUSTRY.map((name) => ({ name, kind: "industry" as const })),
  ];
  const criteria = [
    { title: "事迹突出", max_points: 40, description: "在脱贫攻坚中贡献突出，事迹真实感人" },
    { title: "示范带动", max_points: 30, description: "发挥劳模示范带动作用" },
    { title: "帮扶成效", max_points: 30, description: "帮扶对象增收脱贫成效明显" },
  ];
  const allocations = (kind: "individual" | "collective") =>
    unions.map((u) => ({ org: u.name, nominations: PLACES[u.kind][kind] }));
  const category = (
    name: string,
    kind: "individual" | "collective",
    quota: number,
    rules: CompetitionTemplate["categories"][number]["rules"],
  ) => ({
    name,
    kind,
    quota,
    aggregation: "trimmed" as const,
    judges_per_nomination: null,
    blind: false,
    honor_level: null,
    honor_title: null,
    criteria,
    rules,
    allocations: allocations(kind),
  });
  return {
    title: DEMO_2018_TITLE,
    year: 2018,
    organizer: PROVINCE,
    description: "表彰在全省工会脱贫攻坚工作中作出突出贡献的先进集体和先进个人。",
    notice: { days: 5, unit: "working" },
    stages: {
      nominating: ["2018-09-01", "2018-09-30"],
      reviewing: ["2018-10-08", "2018-10-19"],
      judging: ["2018-10-22", "2018-10-31"],
      deciding: ["2018-11-01", "2018-11-09"],
      notice: ["2018-11-12", "2018-11-16"],
      published: ["2018-12-03", "2018-12-03"],
    },
    categories: [
      category("先进集体", "collective", 33, []),
      category("先进个人", "individual", 77, [
        {
          label: "一线职工不少于40%",
          attribute: "occupation_group",
          values: ["frontline"],
          op: "at_least",
          share: "0.4",
        },
        {
          label: "机关干部不超过10%",
          attribute: "occupation_group",
          values: ["official"],
          op: "at_most",
          share: "0.1",
        },
        { label: "女性不少于20%", attribute: "gender", values: ["female"], op: "at_least", share: "0.2" },
      ]),
    ],
  };
}

/** The running 2018 competition, in its nominating stage with about 150 submitted nominations. */
async function loadCompetition2018(
  trx: Transaction<Database>,
  orgs: Map<string, OrgRow>,
  dataKey: Buffer,
): Promise<void> {
  const id = await createCompetition(trx, SYSTEM_ACTOR, orgs.get(PROVINCE)!, template2018());
  const outcome = await advanceCompetition(trx, SYSTEM_ACTOR, (await getCompetition(trx, id))!);
  if (!outcome.ok) throw new Error(`demo competition cannot open: ${JSON.stringify(outcome.refusals)}`);
  const categories = await trx
    .selectFrom("categories")
    .select(["id", "kind"])
    .where("competition_id", "=", id)
    .execute();
  const rng = seeded(2018);
  const unions = [
    ...CITIES.map(([name]) => ({ name, kind: "city" as const })),
    ...INDUSTRY.map((name) => ({ name, kind: "industry" as const })),
  ];
  for (const u of unions) {
    const org = orgs.get(u.name)!;
    for (const cat of categories) {
      for (let i = 0; i < FILED[u.kind][cat.kind]; i++) {
        const fields =
          cat.kind === "individual"
            ? individual(rng, org.region_code ?? "610100")
            : collective(rng, u.name.replace(/总工会$|工会$/, ""));
        const target = {
          competitionId: id,
          competitionYear: 2018,
          categoryId: cat.id,
          categoryKind: cat.kind,
          org,
        };
        await createNomination(trx, SYSTEM_ACTOR, dataKey, target, fields, { status: "submitted" });
      }
    }
  }
}

/** Loads the demo into an empty, migrated database, in one transaction. */
export async function loadDemo(db: Kysely<Database>, dataKey: Buffer): Promise<void> {
  await db.transaction().execute((trx) => loadDemoInto(trx, dataKey));
}

/** A number of our own for PostgreSQL's advisory lock on the demo load ("laurel demo" in ASCII). */
const DEMO_LOCK_KEY = 0x6c617572656c64n;

/**
 * Loads the demo when the database is empty, and says whether it did. Servers started together
 * on one empty database each call this: the emptiness check and the load run in one transaction
 * that first takes a database-wide lock (PostgreSQL: an advisory lock; SQLite: the write lock,
 * which our client takes at BEGIN), so the second one waits, then finds the demo there.
 */
export async function loadDemoIfEmpty(db: Kysely<Database>, dataKey: Buffer): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (dialectOf(trx) === "postgres")
      await sql`select pg_advisory_xact_lock(${DEMO_LOCK_KEY.toString()}::bigint)`.execute(trx);
    if (!(await isEmptyDatabase(trx))) return false;
    await loadDemoInto(trx, dataKey);
    return true;
  });
}

async function loadDemoInto(trx: Transaction<Database>, dataKey: Buffer): Promise<void> {
  const orgs = await loadOrgs(trx);
  for (const u of DEMO_USERS) {
    const home = orgs.get(u.org)!;
    const id = await createUser(trx, SYSTEM_ACTOR, {
      username: u.username,
      displayName: u.displayName,
      password: DEMO_PASSWORD,
      org: home,
      roles: u.roleAt ? [] : [u.role],
    });
    if (u.roleAt) await grantRole(trx, SYSTEM_ACTOR, id, orgs.get(u.roleAt)!, u.role);
  }
  await loadCalendarDemo(trx);
  await loadCompetition2018(trx, orgs, dataKey);
  await loadRegistryDemo(trx);
  await loadActivitiesDemo(trx);
  await loadCompetitionHistory(trx, orgs, PROVINCE, [...CITIES.map(([name]) => name), ...INDUSTRY], dataKey);
  await loadContestDemo(trx, orgs, PROVINCE);
}
