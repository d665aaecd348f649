import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { createCompetition, listCategories } from "~/models/competition.server";
import { createNomination } from "~/models/nomination.server";
import { addNominationFiles } from "~/models/nomination-files.server";
import { CompetitionTemplateSchema } from "~/domain/competitions/template";
import { parseNomination } from "~/domain/nominations/nomination-schema";
import type { OrgRow } from "~/models/org.server";
import { makeId } from "../unit/nominations/id-helpers";
import { makeOrg, makeUser } from "./factories";
import { makeStages } from "./hardening-world-stages";
import { makeRegistry } from "./hardening-world-registry";
import { makeContestReports } from "./hardening-world-contest-reports";
import { grantRole } from "~/models/user.server";
import { makeContest } from "./contest-fixture-c2";

/** The kinds of visitor every route is tried with (issue #9's authorization matrix). */
export const VISITORS = [
  "anonymous",
  "nominator", // of the nominating org (the county)
  "nominatorOther", // of another org inside the organizer's subtree (a second county)
  "judgeAssigned",
  "judgeUnassigned",
  "adminOrganizer", // of the organizing union (city A)
  "adminSibling", // of a sibling of the organizer (city B)
  "adminChild", // of an org below the organizer (the nominating county)
] as const;
export type Visitor = (typeof VISITORS)[number];

/** A smallest PNG: the file check reads the type from these bytes. */
export const PNG_BYTES = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

export interface World {
  orgs: { province: OrgRow; cityA: OrgRow; cityB: OrgRow; county: OrgRow; county2: OrgRow };
  /** `rootAdmin` (of the province) is no visitor of the matrix: the fuzzers use it on the calendar and the matcher, which are theirs alone. */
  users: Record<Exclude<Visitor, "anonymous">, number> & { scratch: number; rootAdmin: number };
  /** The scratch user's nominator grant: a child of that user, posted under another user's URL (issue #14). */
  scratchGrantId: number;
  /** Organized by city A, open for nominations; holds the county's draft nomination. */
  running: { id: number; individualId: number };
  /** Organized by city A, still a draft (its categories can be edited). */
  draft: { id: number; categoryId: number };
  /** A draft the matrix may advance or copy freely; its category is the foreign child of the draft's URL. */
  scratch: { id: number; categoryId: number };
  nomination: { id: number; fileId: number; scratchFileId: number };
  /** Organized by city A, in judging: `judgeAssigned` is assigned both nominations; a file on `nominationId`. */
  judging: {
    id: number;
    categoryId: number;
    nominationId: number;
    fileId: number;
    memberId: number;
    ref: string;
  };
  /** On public notice now, with one open objection; `sheetId` is a submitted sheet of its judging. */
  notice: {
    id: number;
    categoryId: number;
    nominationId: number;
    objectionId: number;
    sheetId: number;
    memberId: number;
  };
  /** Published: its honor roll is public. */
  published: { id: number; categoryId: number; honoreeId: number; sheetId: number };
  /** The registry of city A: a county the county's admins manage too, one only city A's do, pairings of city A's helper with each. */
  registry: {
    countyId: number;
    scratchCountyId: number;
    helperId: number;
    pairingId: number;
    scratchPairingId: number;
  };
  /** Organized by city A, running its contest (groups, periods, indicators; no participants yet). */
  contest: { id: number };
  /** City A's aid team (with an activity) and a project of its helper. */
  aid: { teamId: number; projectId: number; otherTeamMemberId: number };
  /** A running contest of city A: the county's draft report with a file (C3's report pages). */
  contestReports: Awaited<ReturnType<typeof makeContestReports>>;
}

function template(organizer: string, allocations: { org: string; nominations: number }[]) {
  return CompetitionTemplateSchema.parse({
    title: "2018年度全省工会脱贫攻坚竞赛",
    year: 2018,
    organizer,
    categories: [
      {
        name: "先进个人",
        kind: "individual",
        quota: 5,
        criteria: [{ title: "事迹突出", max_points: 100 }],
        allocations,
      },
    ],
  });
}

async function makeOrgs(db: Kysely<Database>) {
  const province = await makeOrg(db, null, {
    name: "世界省总工会",
    kind: "provincial",
    regionCode: "610000",
  });
  const cityA = await makeOrg(db, province, { name: "世界甲市总工会", kind: "city", regionCode: "610100" });
  const cityB = await makeOrg(db, province, { name: "世界乙市总工会", kind: "city", regionCode: "610300" });
  const county = await makeOrg(db, cityA, {
    name: "世界甲市一县总工会",
    kind: "county",
    regionCode: "610124",
  });
  const county2 = await makeOrg(db, cityA, {
    name: "世界甲市二县总工会",
    kind: "county",
    regionCode: "610125",
  });
  return { province, cityA, cityB, county, county2 };
}

async function makeUsers(db: Kysely<Database>, o: World["orgs"]): Promise<World["users"]> {
  const id = async (org: OrgRow, role: "admin" | "nominator" | "judge") =>
    (await makeUser(db, org, [role])).id;
  return {
    nominator: await id(o.county, "nominator"),
    nominatorOther: await id(o.county2, "nominator"),
    judgeAssigned: await judgeFromElsewhere(db, o),
    judgeUnassigned: await id(o.cityA, "judge"),
    adminOrganizer: await id(o.cityA, "admin"),
    adminSibling: await id(o.cityB, "admin"),
    adminChild: await id(o.county, "admin"),
    scratch: await id(o.county2, "nominator"),
    rootAdmin: await id(o.province, "admin"),
  };
}

/**
 * A judge of city A's panels whose own org is city B: a judge is never assigned nominations of their
 * own org's subtree (decision 005), and every nomination of the world comes from city A's.
 */
async function judgeFromElsewhere(db: Kysely<Database>, o: World["orgs"]) {
  const { id } = await makeUser(db, o.cityB);
  await db.transaction().execute((trx) => grantRole(trx, SYSTEM_ACTOR, id, o.cityA, "judge"));
  return id;
}

async function competition(
  db: Kysely<Database>,
  organizer: OrgRow,
  allocations: { org: string; nominations: number }[],
  stage: "draft" | "nominating",
) {
  const id = await db
    .transaction()
    .execute((trx) => createCompetition(trx, SYSTEM_ACTOR, organizer, template(organizer.name, allocations)));
  await db.updateTable("competitions").set({ stage }).where("id", "=", id).execute();
  const [category] = await listCategories(db, id);
  return { id, categoryId: category.id };
}

/**
 * The world the hardening tests run in: the visitors of issue #9 around one competition organized
 * by city A, with a draft nomination of the county and its attached files.
 * Further competitions of city A in judging, on notice and published, and city A's registry and aid
 * records, give every route of the app something to show (see World).
 */
export async function makeWorld(db: Kysely<Database>, dataKey: Buffer): Promise<World> {
  const orgs = await makeOrgs(db);
  const users = await makeUsers(db, orgs);
  const places = [
    { org: orgs.county.name, nominations: 3 },
    { org: orgs.county2.name, nominations: 3 },
  ];
  const running = await competition(db, orgs.cityA, places, "nominating");
  const draft = await competition(db, orgs.cityA, places, "draft");
  const scratch = await competition(db, orgs.cityA, places, "draft");
  const parsed = parseNomination({
    kind: "individual",
    name: "王秘密",
    gender: "",
    birth_date: "",
    ethnicity: "汉族",
    political_status: "群众",
    education: "大专",
    workplace: "某某机械厂",
    post: "车工",
    occupation_group: "frontline",
    migrant: "no",
    sector: "state",
    id_number: makeId("610102", "19800315", "123"),
    phone: "13912345678",
    summary: "扎根一线。",
    deeds: "扎根一线二十年。",
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const target = {
    competitionId: running.id,
    competitionYear: 2018,
    categoryId: running.categoryId,
    categoryKind: "individual" as const,
    org: orgs.county,
  };
  const actor = { userId: users.nominator, label: "world", ip: "127.0.0.1" };
  const nomination = await db.transaction().execute(async (trx) => {
    const n = await createNomination(trx, actor, dataKey, target, parsed.value);
    const png = { contentType: "image/png" as const, bytes: PNG_BYTES };
    await addNominationFiles(trx, actor, { id: n.id, org_path: orgs.county.path }, [
      { filename: "证书.png", ...png },
      { filename: "scratch.png", ...png },
    ]);
    return n;
  });
  const files = await db
    .selectFrom("nomination_files")
    .select("id")
    .where("nomination_id", "=", nomination.id)
    .orderBy("id")
    .execute();
  const stages = await makeStages(db, dataKey, {
    organizer: orgs.cityA,
    nominating: [orgs.county, orgs.county2],
    judge: users.judgeAssigned,
  });
  const records = await makeRegistry(db, dataKey, orgs.cityA);
  const contest = await makeContest(db, orgs.cityA, "running");
  const contestReports = await makeContestReports(db, orgs, users.nominator);
  const scratchGrant = await db
    .selectFrom("role_grants")
    .select("id")
    .where("user_id", "=", users.scratch)
    .executeTakeFirstOrThrow();
  return {
    orgs,
    users,
    scratchGrantId: scratchGrant.id,
    running: { id: running.id, individualId: running.categoryId },
    draft,
    scratch,
    nomination: { id: nomination.id, fileId: files[0].id, scratchFileId: files[1].id },
    ...stages,
    ...records,
    contest: { id: contest.id },
    contestReports,
  };
}
