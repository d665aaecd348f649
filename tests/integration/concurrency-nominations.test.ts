import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeTree, makeUser } from "../support/factories";
import { routeHarness } from "../support/remix";
import { makeId } from "../unit/nominations/id-helpers";
import * as newPage from "~/routes/competitions.$competitionId.nominations.new";

const RACERS = 20;
const PLACES = 3;

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let tree: Awaited<ReturnType<typeof makeTree>>;
let competitionId: number;
let categoryId: number;
let racers: number[];

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  tree = await makeTree(t.db);
  ({
    competitionId,
    individual: { id: categoryId },
  } = await makeNominatingCompetition(t.db, tree, { cityA: 20, cityB: 5, county: PLACES, collective: 1 }));
  racers = [];
  for (let i = 0; i < RACERS; i++) racers.push((await makeUser(t.db, tree.county, ["nominator"])).id);
});
afterAll(() => t.destroy());

function person(idNumber: string): Record<string, string> {
  return {
    name: "张建国",
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
    id_number: idNumber,
    phone: "13812345678",
    summary: "扎根一线。",
    deeds: "扎根一线二十年。",
  };
}

const post = (userId: number, orgId: number, idNumber: string) =>
  h.post(
    newPage.action,
    `/competitions/${competitionId}/nominations/new`,
    { category: String(categoryId), org: String(orgId), intent: "submit", ...person(idNumber) },
    {
      userId,
      params: { competitionId: String(competitionId) },
    },
  );

const live = async (orgId: number) =>
  Number(
    (
      await t.db
        .selectFrom("nominations")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("org_id", "=", orgId)
        .where("status", "<>", "withdrawn")
        .executeTakeFirstOrThrow()
    ).n,
  );

describe(`racing nominators (${process.env.TEST_DATABASE_URL?.startsWith("postgres") ? "PostgreSQL" : "SQLite"})`, () => {
  it(`gives ${PLACES} last places to exactly ${PLACES} of ${RACERS} nominators posting at once; the others get a clear 400`, async () => {
    const results = await Promise.all(
      racers.map((u, i) => post(u, tree.county.id, makeId("610102", "19800315", String(201 + 2 * i)))),
    );
    const won = results.filter((r) => r.status === 302);
    const lost = results.filter((r) => r.status !== 302);
    expect(won).toHaveLength(PLACES);
    for (const r of lost) {
      expect(r.status).toBe(400);
      expect(r.data.errors._form.key).toBe("nomination.noPlaces");
    }
    expect(await live(tree.county.id)).toBe(PLACES);
    // Every refused attempt left nothing: no orphan events or audit entries for it.
    const created = await t.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "nomination.create")
      .execute();
    expect(created).toHaveLength(PLACES);
  });

  it("lets one ID number in only once when two orgs post it at the same moment", async () => {
    const a = await makeUser(t.db, tree.cityA, ["nominator"]);
    const b = await makeUser(t.db, tree.cityB, ["nominator"]);
    const same = makeId("610102", "19800315", "901");
    const results = await Promise.all([
      post(a.id, tree.cityA.id, same),
      post(b.id, tree.cityB.id, same),
      post(a.id, tree.cityA.id, same),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 400, 400]);
    for (const r of results.filter((x) => x.status === 400))
      expect(r.data.errors.id_number?.key ?? r.data.errors._form?.key).toMatch(/duplicate|already|idNumber/i);
  });

  // Judges submitting at once and an objection racing the publication: concurrency-judging.test.ts.
});
