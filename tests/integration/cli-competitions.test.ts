import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTree } from "../support/factories";
import { runLaurel } from "../support/cli";
import { makeId } from "../unit/nominations/id-helpers";
import { CompetitionTemplateSchema } from "~/domain/competitions/template";
import { advanceCompetition, createCompetition, getCompetition } from "~/models/competition.server";
import { importNominations, NOMINATION_COLUMNS } from "~/models/nomination-import.server";
import { readSheet } from "~/utils/sheet.server";
import type { OrgRow } from "~/models/org.server";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
const TEMPLATE_FILE = path.join(FIXTURES, "competition-template.json");
const PEOPLE_CSV = path.join(FIXTURES, "nominations-individual-zh.csv");
const GROUPS_CSV = path.join(FIXTURES, "nominations-collective-en.csv");
const TEMPLATE = CompetitionTemplateSchema.parse(JSON.parse(fs.readFileSync(TEMPLATE_FILE, "utf8")));
const ACTOR = { userId: null, label: "test", ip: null };

// Each run starts a Node process with tsx: slow on a busy machine, so the tests allow for it, and
// set their data up through the models, keeping CLI runs for the commands under test.
vi.setConfig({ testTimeout: 600_000 });

let t: TestDatabase;
let province: OrgRow;
let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  t = await createTestDatabase();
  province = (await makeTree(t.db)).province;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-cli-comp-"));
  // Secrets in the environment, so the CLI generates nothing under data/.
  env = {
    ...t.env,
    LAUREL_DATA_KEY: crypto.randomBytes(32).toString("hex"),
    SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
  };
});
afterAll(async () => {
  await t.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};
const templateFile = (name: string, change: (tpl: typeof TEMPLATE) => void) => {
  const tpl = JSON.parse(fs.readFileSync(TEMPLATE_FILE, "utf8"));
  change(tpl);
  return file(name, JSON.stringify(tpl));
};
const count = async (table: "competitions" | "categories" | "nominations" | "nomination_events") =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const stageOf = async (id: number) =>
  (await t.db.selectFrom("competitions").select("stage").where("id", "=", id).executeTakeFirstOrThrow())
    .stage;
const statuses = async (id: number) =>
  Object.fromEntries(
    (
      await t.db
        .selectFrom("nominations")
        .select(["ref", "status"])
        .where("competition_id", "=", id)
        .execute()
    ).map((n) => [n.ref, n.status]),
  );

async function importTemplate(p = TEMPLATE_FILE): Promise<number> {
  const r = await runLaurel(["competition", "import", p], env);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^\d+\n$/);
  return Number(r.stdout);
}

/** A competition from the fixture template, made and advanced through the models. */
async function competitionIn(
  stage: "draft" | "nominating" | "reviewing",
  template: typeof TEMPLATE = TEMPLATE,
): Promise<number> {
  const id = await t.db.transaction().execute((trx) => createCompetition(trx, ACTOR, province, template));
  if (stage !== "draft") await advance(id);
  if (stage === "reviewing") {
    await importFixture(id, PEOPLE_CSV, "先进个人");
    await advance(id);
  }
  return id;
}

async function advance(id: number) {
  const outcome = await t.db
    .transaction()
    .execute(async (trx) => advanceCompetition(trx, ACTOR, (await getCompetition(trx, id))!));
  expect(outcome.ok).toBe(true);
}

async function importFixture(id: number, p: string, category: string) {
  const report = await importNominations(
    t.db,
    ACTOR,
    crypto.randomBytes(32),
    { competitionId: id, categoryName: category },
    await readSheet(fs.readFileSync(p)),
  );
  expect(report.refused).toBe(0);
}

describe("competition import / export", () => {
  it("imports a template and prints only the new id; export gives back an equal template", async () => {
    const id = await importTemplate();
    const out = await runLaurel(["competition", "export", String(id)], env);
    expect(out.status).toBe(0);
    const exported = JSON.parse(out.stdout);
    expect(exported).toEqual(TEMPLATE);
    const again = await importTemplate(file("exported.json", out.stdout));
    expect(again).toBeGreaterThan(id);
    expect(JSON.parse((await runLaurel(["competition", "export", String(again)], env)).stdout)).toEqual(
      exported,
    );
  });

  it("refuses a bad template with exit 1, a clear message and nothing written", async () => {
    const before = { competitions: await count("competitions"), categories: await count("categories") };
    const cases: [string, string][] = [
      [file("not-json.json", "{ title: 2018 }"), "The template is not valid JSON.\n"],
      [
        file(
          "quota.json",
          JSON.stringify({
            ...TEMPLATE,
            categories: [{ ...TEMPLATE.categories[0], quota: 0 }],
            stages: { voting: ["2018-01-01", "2018-01-02"] },
          }),
        ),
        "The template is not valid: stages: Unknown stage name.; categories.0.quota: The quota is at least 1.\n",
      ],
      [
        file("organizer.json", JSON.stringify({ ...TEMPLATE, organizer: "没有这个工会" })),
        "No organization is named “没有这个工会” (the organizer).\n",
      ],
      // The first category goes in before the second's allocation is refused: the transaction takes both back.
      [
        templateFile("alloc.json", (tpl) =>
          tpl.categories[1].allocations.push({ org: "火星总工会", nominations: 1 }),
        ),
        "The allocation names an unknown organization “火星总工会”.\n",
      ],
    ];
    for (const [p, message] of cases) {
      const r = await runLaurel(["competition", "import", p], env);
      expect([r.status, r.stdout, r.stderr], p).toEqual([1, "", message]);
    }
    expect({ competitions: await count("competitions"), categories: await count("categories") }).toEqual(
      before,
    );
  });

  it("refuses bad arguments with exit 2 and an unknown competition with exit 1", async () => {
    expect((await runLaurel(["competition", "import"], env)).status).toBe(2);
    expect((await runLaurel(["competition", "export", "abc"], env)).status).toBe(2);
    const missing = await runLaurel(["competition", "export", "99999"], env);
    expect([missing.status, missing.stdout, missing.stderr]).toEqual([
      1,
      "",
      "No competition has the id 99999.\n",
    ]);
  });
});

describe("competition advance", () => {
  it("advances one stage by default, and stops with the refusals at the first stage whose checks fail", async () => {
    const id = await competitionIn("draft");
    const first = await runLaurel(["competition", "advance", String(id)], env);
    expect([first.status, first.stdout, first.stderr]).toEqual([
      0,
      "",
      "The competition is now in the “Nominating” stage.\n",
    ]);
    const refused = await runLaurel(["competition", "advance", String(id), "--to", "judging"], env);
    expect([refused.status, refused.stdout, refused.stderr]).toEqual([
      1,
      "",
      "The competition stays in the “Nominating” stage; it cannot advance to “Eligibility review” yet:\n  No nomination has been submitted.\n",
    ]);
    expect(await stageOf(id)).toBe("nominating");
  });

  it("lists every refusal of a draft that is not ready", async () => {
    const bare = structuredClone(TEMPLATE);
    bare.categories[0].criteria = [];
    bare.categories[1].allocations = [];
    const id = await competitionIn("draft", bare);
    const r = await runLaurel(["competition", "advance", String(id), "--to", "nominating"], env);
    expect([r.status, r.stderr]).toEqual([
      1,
      "The competition stays in the “Draft” stage; it cannot advance to “Nominating” yet:\n  Category “先进个人” has no scoring criteria.\n  Category “先进集体” has no nomination places allocated.\n",
    ]);
    expect(await stageOf(id)).toBe("draft");
  });

  it("goes several stages with --to, says so when already there, and never goes back", async () => {
    const id = await competitionIn("nominating");
    await importFixture(id, PEOPLE_CSV, "先进个人");
    await t.db
      .updateTable("nominations")
      .set({ status: "eligible" })
      .where("competition_id", "=", id)
      .execute();
    const r = await runLaurel(["competition", "advance", String(id), "--to", "judging"], env);
    expect([r.status, r.stderr]).toEqual([
      0,
      "The competition is now in the “Eligibility review” stage.\nThe competition is now in the “Judging” stage.\n",
    ]);
    expect(await stageOf(id)).toBe("judging");
    expect(await runLaurel(["competition", "advance", String(id), "--to", "judging"], env)).toMatchObject({
      status: 0,
      stderr: "The competition is already in the “Judging” stage.\n",
    });
    expect(await runLaurel(["competition", "advance", String(id), "--to", "draft"], env)).toMatchObject({
      status: 1,
      stderr: "The competition is in the “Judging” stage and cannot go back to “Draft”.\n",
    });
    expect((await runLaurel(["competition", "advance", String(id), "--to", "voting"], env)).status).toBe(2);
  });
});

describe("nominations import", () => {
  it("imports the fixtures and reports with exit 0", async () => {
    const id = await competitionIn("nominating");
    const people = await runLaurel(
      ["nominations", "import", PEOPLE_CSV, "--competition", String(id), "--category", "先进个人"],
      env,
    );
    expect([people.status, people.stdout, people.stderr]).toEqual([0, "", "3 rows imported, 0 refused.\n"]);
    const groups = await runLaurel(
      ["nominations", "import", GROUPS_CSV, "--competition", String(id), "--category", "先进集体"],
      env,
    );
    expect([groups.status, groups.stderr]).toEqual([0, "2 rows imported, 0 refused.\n"]);
    expect(await statuses(id)).toEqual({
      "GR-001": "submitted",
      "GR-002": "submitted",
      "GR-003": "submitted",
      "JT-001": "submitted",
      "JT-002": "submitted",
    });
  });

  it("exits 3 with the row report when rows are refused; --all-or-nothing then writes nothing", async () => {
    const id = await competitionIn("nominating");
    const header = NOMINATION_COLUMNS.map((c) => c.en).join(",");
    const row = (ref: string, org: string, idNumber: string, phone = "13812345678") =>
      `${ref},先进个人,${org},individual,某人,,汉族,,群众,高中,某厂,,frontline,no,${idNumber},${phone},,,事迹,,`;
    const csv = file(
      "mixed.csv",
      [
        header,
        row("M-1", "甲市总工会", makeId("610102", "19800315", "123")),
        row("M-2", "丙市总工会", makeId("610102", "19800315", "135")),
        row("M-3", "甲市总工会", makeId("610102", "19800315", "147"), "911"),
      ].join("\n"),
    );
    const report =
      "row 3\tnominating_org\tNo organization is named “丙市总工会”.\nrow 4\tphone\tEnter an 11-digit mobile number or a landline with its area code (e.g. 029-87654321).\n";
    const before = await count("nominations");
    const all = await runLaurel(
      [
        "nominations",
        "import",
        csv,
        "--competition",
        String(id),
        "--category",
        "先进个人",
        "--all-or-nothing",
      ],
      env,
    );
    expect([all.status, all.stdout, all.stderr]).toEqual([3, "", `${report}0 rows imported, 2 refused.\n`]);
    expect(await count("nominations")).toBe(before);
    const r = await runLaurel(
      ["nominations", "import", csv, "--competition", String(id), "--category", "先进个人"],
      env,
    );
    expect([r.status, r.stdout, r.stderr]).toEqual([3, "", `${report}1 row imported, 2 refused.\n`]);
    expect(await statuses(id)).toEqual({ "M-1": "submitted" });
  });

  it("exits 1 for a competition not taking nominations, an unknown category or an unreadable file, and 2 for bad arguments", async () => {
    const draft = await competitionIn("draft");
    const open = await competitionIn("nominating");
    const before = await count("nominations");
    expect(
      await runLaurel(
        ["nominations", "import", PEOPLE_CSV, "--competition", String(draft), "--category", "先进个人"],
        env,
      ),
    ).toMatchObject({
      status: 1,
      stderr: "Nominations can be imported only while the competition is in the nominating stage.\n",
    });
    expect(
      await runLaurel(
        ["nominations", "import", PEOPLE_CSV, "--competition", String(open), "--category", "先进班组"],
        env,
      ),
    ).toMatchObject({
      status: 1,
      stderr: "The competition has no category “先进班组”.\n",
    });
    const latin = path.join(dir, "latin.csv");
    fs.writeFileSync(latin, Buffer.from([0x72, 0x65, 0x66, 0x0a, 0xe9, 0xff, 0x0a]));
    expect(
      await runLaurel(
        ["nominations", "import", latin, "--competition", String(open), "--category", "先进个人"],
        env,
      ),
    ).toMatchObject({
      status: 1,
      stderr:
        'The file is neither UTF-8 nor GB18030 (GBK) text: save it from Excel as "CSV UTF-8" or as XLSX.\n',
    });
    expect(
      (
        await runLaurel(
          ["nominations", "import", PEOPLE_CSV, "--competition", "one", "--category", "先进个人"],
          env,
        )
      ).status,
    ).toBe(2);
    expect(
      (
        await runLaurel(
          [
            "nominations",
            "import",
            PEOPLE_CSV,
            "--competition",
            String(open),
            "--category",
            "先进个人",
            "--dry-run",
          ],
          env,
        )
      ).status,
    ).toBe(2);
    expect(await count("nominations")).toBe(before);
  });
});

describe("nominations list", () => {
  it("prints exactly one JSON document of {ref,name,org,status}, by ref, optionally for one category", async () => {
    const id = await competitionIn("nominating");
    await importFixture(id, GROUPS_CSV, "先进集体");
    await importFixture(id, PEOPLE_CSV, "先进个人");
    const r = await runLaurel(["nominations", "list", "--competition", String(id), "--format", "json"], env);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { ref: "GR-001", name: "张建国", org: "甲市总工会", status: "submitted" },
      { ref: "GR-002", name: "李秀兰", org: "乙市总工会", status: "submitted" },
      { ref: "GR-003", name: "王芳", org: "甲市某县总工会", status: "submitted" },
      { ref: "JT-001", name: "某机械有限公司数控车间", org: "甲市总工会", status: "submitted" },
      { ref: "JT-002", name: "某村党支部", org: "乙市总工会", status: "submitted" },
    ]);
    const groups = await runLaurel(
      ["nominations", "list", "--competition", String(id), "--category", "先进集体", "--format", "json"],
      env,
    );
    expect(JSON.parse(groups.stdout).map((n: { ref: string }) => n.ref)).toEqual(["JT-001", "JT-002"]);
  });

  it("prints a readable table by default, and refuses bad arguments", async () => {
    const id = await competitionIn("nominating");
    await importFixture(id, GROUPS_CSV, "先进集体");
    const r = await runLaurel(["nominations", "list", "--competition", String(id)], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      "ref     name                    org         status\n" +
        "JT-001  某机械有限公司数控车间  甲市总工会  Submitted\n" +
        "JT-002  某村党支部              乙市总工会  Submitted\n",
    );
    expect(
      (await runLaurel(["nominations", "list", "--competition", String(id), "--format", "xml"], env)).status,
    ).toBe(2);
    expect(
      (await runLaurel(["nominations", "list", "--competition", String(id), "--category", "先进班组"], env))
        .status,
    ).toBe(1);
  });
});

describe("nominations review", () => {
  const review = (id: number, ...args: string[]) =>
    runLaurel(["nominations", "review", "--competition", String(id), "--category", "先进个人", ...args], env);

  it("refuses outside the reviewing stage", async () => {
    const id = await competitionIn("nominating");
    await importFixture(id, PEOPLE_CSV, "先进个人");
    expect(await review(id, "--ref", "GR-001", "--eligible")).toMatchObject({
      status: 1,
      stderr: "Eligibility decisions are made only in the reviewing stage.\n",
    });
    expect(await statuses(id)).toEqual({
      "GR-001": "submitted",
      "GR-002": "submitted",
      "GR-003": "submitted",
    });
  });

  it("decides eligibility in one transaction: one refusal and nothing is written", async () => {
    const id = await competitionIn("reviewing");
    const events = await count("nomination_events");
    const refused = await review(id, "--ref", "GR-001", "--ref", "GR-404", "--eligible");
    expect([refused.status, refused.stderr]).toEqual([
      1,
      "GR-404: This category has no nomination with reference “GR-404”.\nNothing was changed: 1 decision was refused.\n",
    ]);
    expect(await statuses(id)).toEqual({
      "GR-001": "submitted",
      "GR-002": "submitted",
      "GR-003": "submitted",
    });
    expect(await count("nomination_events")).toBe(events);

    expect(await review(id, "--ref", "GR-001", "GR-002", "--eligible")).toMatchObject({
      status: 0,
      stderr: "2 nominations marked eligible.\n",
    });
    const twice = await review(id, "--ref", "GR-002", "--ref", "GR-003", "--eligible");
    expect([twice.status, twice.stderr]).toEqual([
      1,
      "GR-002: This step is not possible from the nomination's current status.\nNothing was changed: 1 decision was refused.\n",
    ]);
    expect((await statuses(id))["GR-003"]).toBe("submitted");

    expect(await review(id, "--all", "--ineligible", "--reason", "  事迹材料不实  ")).toMatchObject({
      status: 0,
      stderr: "1 nomination marked ineligible.\n",
    });
    expect(await statuses(id)).toEqual({
      "GR-001": "eligible",
      "GR-002": "eligible",
      "GR-003": "ineligible",
    });
    const gr3 = await t.db
      .selectFrom("nomination_events")
      .innerJoin("nominations", "nominations.id", "nomination_events.nomination_id")
      .select([
        "nomination_events.action",
        "nomination_events.reason",
        "nomination_events.actor_label",
        "nomination_events.from_status",
      ])
      .where("nominations.competition_id", "=", id)
      .where("nominations.ref", "=", "GR-003")
      .orderBy("nomination_events.id")
      .execute();
    expect(gr3).toEqual([
      { action: "create", reason: null, actor_label: "test", from_status: null },
      { action: "markIneligible", reason: "事迹材料不实", actor_label: "cli", from_status: "submitted" },
    ]);
    expect(await review(id, "--all", "--eligible")).toMatchObject({
      status: 0,
      stderr: "This category has no nomination awaiting a decision.\n",
    });
  });

  it("refuses bad arguments with exit 2", async () => {
    const id = await competitionIn("reviewing");
    expect((await review(id, "--ref", "GR-001", "--ineligible")).status).toBe(2);
    expect((await review(id, "--all", "--ref", "GR-001", "--eligible")).status).toBe(2);
    expect((await review(id, "--ref", "GR-001", "--eligible", "--ineligible", "--reason", "x")).status).toBe(
      2,
    );
    expect(await statuses(id)).toEqual({
      "GR-001": "submitted",
      "GR-002": "submitted",
      "GR-003": "submitted",
    });
  });
});

describe("help", () => {
  it("lists the new commands", async () => {
    const help = await runLaurel(["--help"], env);
    for (const usage of [
      "competition import FILE.json",
      "competition export ID",
      "competition advance ID [--to STAGE]",
      "nominations import FILE",
      "nominations list",
      "nominations review",
    ]) {
      expect(help.stdout).toContain(usage);
    }
  });
});
