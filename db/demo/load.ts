import fs from "node:fs";
import type { Kysely } from "kysely";
import type { Database, OrgKind, Role } from "../schema";
import { parseCsv } from "../../app/domain/csv";
import { createOrg, type OrgRow } from "../../app/models/org.server";
import { createUser, grantRole } from "../../app/models/user.server";
import { SYSTEM_ACTOR } from "../../app/models/audit.server";

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

export const DEMO_USERS: { username: string; displayName: string; role: Role; org: string; roleAt?: string }[] = [
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
async function loadOrgs(trx: Kysely<Database>): Promise<Map<string, OrgRow>> {
  const byName = new Map<string, OrgRow>();
  const add = async (parent: string | null, name: string, kind: OrgKind, regionCode: string | null) => {
    const org = await createOrg(trx, SYSTEM_ACTOR, parent ? byName.get(parent)! : null, { name, kind, regionCode });
    byName.set(name, org);
  };
  await add(null, PROVINCE, "provincial", "610000");
  for (const [name, code] of CITIES) await add(PROVINCE, name, "city", code);
  const [header, ...rows] = parseCsv(demoFile("shaanxi-poverty-counties.csv"));
  const col = (n: string) => header.indexOf(n);
  for (const r of rows) await add(`${r[col("city")]}总工会`, `${r[col("name")]}总工会`, "county", r[col("code")]);
  for (const name of INDUSTRY) await add(PROVINCE, name, "industry", null);
  for (const [name, parent] of GRASSROOTS) await add(parent, name, "grassroots", null);
  return byName;
}

/** Loads the demo into an empty, migrated database, in one transaction. */
export async function loadDemo(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
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
  });
}
