import type { Kysely } from "kysely";
import type { Database, OrgKind, Role } from "../../db/schema";
import { createOrg, type OrgRow } from "../../app/models/org.server";
import { createUser } from "../../app/models/user.server";
import { SYSTEM_ACTOR } from "../../app/models/audit.server";

let counter = 0;
const next = () => ++counter;

export async function makeOrg(db: Kysely<Database>, parent: OrgRow | null = null, over: Partial<{ name: string; kind: OrgKind; regionCode: string | null }> = {}) {
  return createOrg(db, SYSTEM_ACTOR, parent, {
    name: over.name ?? `测试工会${next()}`,
    kind: over.kind ?? (parent ? "grassroots" : "provincial"),
    regionCode: over.regionCode ?? null,
  });
}

export const TEST_PASSWORD = "correct-horse-battery";

export async function makeUser(db: Kysely<Database>, org: OrgRow, roles: Role[] = [], over: Partial<{ username: string; displayName: string }> = {}) {
  const username = over.username ?? `user${next()}`;
  const id = await createUser(db, SYSTEM_ACTOR, { username, displayName: over.displayName ?? username, password: TEST_PASSWORD, org, roles });
  return { id, username };
}

/** A small tree: province → two cities → a county under the first. */
export async function makeTree(db: Kysely<Database>) {
  const province = await makeOrg(db, null, { name: "测试省总工会", kind: "provincial", regionCode: "610000" });
  const cityA = await makeOrg(db, province, { name: "甲市总工会", kind: "city", regionCode: "610100" });
  const cityB = await makeOrg(db, province, { name: "乙市总工会", kind: "city", regionCode: "610300" });
  const county = await makeOrg(db, cityA, { name: "甲市某县总工会", kind: "county", regionCode: "610124" });
  return { province, cityA, cityB, county };
}
