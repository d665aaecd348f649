import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { laurel } from "../support/cli";
import { getOrgByName } from "~/models/org.server";
import { DEMO_USERS } from "../../seed/load";

let t: TestDatabase;
let dir: string;
beforeAll(async () => {
  t = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-cli-"));
});
afterAll(async () => {
  await t.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};
const orgCount = async () =>
  Number(
    (
      await t.db
        .selectFrom("orgs")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("laurel CLI", () => {
  it("prints help and refuses unknown commands and options with exit 2", () => {
    const help = laurel(["--help"], t.env);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("orgs import FILE");
    expect(laurel(["orgs", "import", "--help"], t.env).stdout).toContain(
      "Usage: npm run laurel -- orgs import FILE",
    );
    expect(laurel(["frobnicate"], t.env).status).toBe(2);
    expect(laurel(["db", "migrate", "--bogus"], t.env).status).toBe(2);
    expect(laurel(["orgs", "import"], t.env).status).toBe(2);
  });

  it("migrates idempotently", () => {
    const r = laurel(["db", "migrate"], t.env);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("The schema is up to date.");
  });

  it("imports an org tree from CSV with Chinese headers and reports refused rows with exit 3", async () => {
    const csv = file(
      "orgs.csv",
      "\uFEFF名称,类别,上级,行政区划代码,备注\n" +
        "导入省总工会,省总工会,,610000,\n" +
        "导入市总工会,city,导入省总工会,610100,\n" +
        "坏代码工会,county,导入市总工会,61A,\n" +
        "孤儿工会,county,不存在的工会,,\n" +
        "坏类别工会,galaxy,导入省总工会,,\n" +
        "导入县总工会,县(区)总工会,导入市总工会,610124,\n",
    );
    const before = await orgCount();
    const r = laurel(["orgs", "import", csv], t.env);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("row 1\t备注\tUnknown column “备注”, ignored.");
    expect(r.stderr).toContain("row 4\tregion_code\tA division code has 6 digits.");
    expect(r.stderr).toContain("row 5\tparent\tNo parent organization named “不存在的工会”.");
    expect(r.stderr).toContain("row 6\tkind\tChoose one of the listed options.");
    expect(r.stderr).toContain("3 rows imported, 3 refused.");
    expect(await orgCount()).toBe(before + 3);
    const county = await getOrgByName(t.db, "导入县总工会");
    const city = await getOrgByName(t.db, "导入市总工会");
    expect(county).toMatchObject({ kind: "county", region_code: "610124", parent_id: city!.id });
  });

  it("imports nothing with --all-or-nothing when a row is refused", async () => {
    const csv = file(
      "orgs2.csv",
      "name,kind,parent,region_code\n全或无甲,city,导入省总工会,\n全或无乙,city,没有这个,\n",
    );
    const before = await orgCount();
    const r = laurel(["orgs", "import", csv, "--all-or-nothing"], t.env);
    expect(r.status).toBe(3);
    expect(await orgCount()).toBe(before);
    expect(await getOrgByName(t.db, "全或无甲")).toBeUndefined();
  });

  it("imports XLSX (first sheet) and refuses a sheet missing a column with nothing written", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("orgs");
    ws.addRow(["name", "kind", "parent", "region_code"]);
    ws.addRow(["表格工会", "grassroots", "导入市总工会", ""]);
    const xlsx = path.join(dir, "orgs.xlsx");
    await wb.xlsx.writeFile(xlsx);
    expect(laurel(["orgs", "import", xlsx], t.env).status).toBe(0);
    expect(await getOrgByName(t.db, "表格工会")).toMatchObject({ kind: "grassroots" });
    const before = await orgCount();
    const bad = laurel(["orgs", "import", file("bad.csv", "name,kind\n缺列工会,city\n")], t.env);
    expect(bad.status).toBe(3);
    expect(bad.stderr).toContain("Required column “parent (上级)” is missing.");
    expect(await orgCount()).toBe(before);
  });

  it("refuses a file in neither UTF-8 nor GB18030, or one that does not exist, with exit 1", () => {
    const latin = path.join(dir, "latin.csv");
    fs.writeFileSync(latin, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xe9, 0xff, 0x0a]));
    const r = laurel(["orgs", "import", latin], t.env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("The file is neither UTF-8 nor GB18030");
    expect(laurel(["orgs", "import", path.join(dir, "nope.csv")], t.env).status).toBe(1);
  });

  it("creates a user with the password on stdin", async () => {
    const r = laurel(
      ["user", "create", "--username", "cli_admin", "--org", "导入省总工会", "--role", "admin"],
      t.env,
      "a-long-password\n",
    );
    expect(r.status).toBe(0);
    const user = await t.db
      .selectFrom("users")
      .select(["id", "username"])
      .where("username", "=", "cli_admin")
      .executeTakeFirstOrThrow();
    const grants = await t.db
      .selectFrom("role_grants")
      .select("role")
      .where("user_id", "=", user.id)
      .execute();
    expect(grants).toEqual([{ role: "admin" }]);
    expect(
      laurel(
        ["user", "create", "--username", "cli_admin", "--org", "导入省总工会", "--role", "admin"],
        t.env,
        "a-long-password",
      ).status,
    ).toBe(1);
    expect(
      laurel(
        ["user", "create", "--username", "xx2", "--org", "没有", "--role", "admin"],
        t.env,
        "a-long-password",
      ).status,
    ).toBe(1);
    expect(
      laurel(
        ["user", "create", "--username", "xx3", "--org", "导入省总工会", "--role", "emperor"],
        t.env,
        "a-long-password",
      ).status,
    ).toBe(2);
    expect(
      laurel(
        ["user", "create", "--username", "xx4", "--org", "导入省总工会", "--role", "judge"],
        t.env,
        "short",
      ).status,
    ).toBe(1);
    expect(
      await t.db.selectFrom("users").select("id").where("username", "in", ["xx2", "xx3", "xx4"]).execute(),
    ).toEqual([]);
  });

  it("refuses demo load on a database with data, and --reset replaces it", async () => {
    const refused = laurel(["demo", "load"], t.env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("--reset");
    const r = laurel(["demo", "load", "--reset"], t.env);
    expect(r.stderr).toBe("Demo data loaded.\n");
    expect(r.status).toBe(0);
    expect(await getOrgByName(t.db, "导入省总工会")).toBeUndefined();
    expect(await getOrgByName(t.db, "陕西省总工会")).toMatchObject({
      kind: "provincial",
      region_code: "610000",
      parent_id: null,
    });
    // Province, cities, poverty counties, industry unions, grassroots unions, the contest's SOE unions.
    expect(await orgCount()).toBe(1 + 11 + 56 + 3 + 2 + 3);
    const users = await t.db.selectFrom("users").select("username").orderBy("username").execute();
    expect(users.map((u) => u.username)).toEqual(DEMO_USERS.map((u) => u.username).sort());
    const competitions = await t.db
      .selectFrom("competitions")
      .select(["title", "stage"])
      .orderBy("id")
      .execute();
    expect(competitions).toEqual([
      { title: "2018年度全省工会脱贫攻坚竞赛", stage: "nominating" },
      { title: "2017年度全省工会脱贫攻坚竞赛", stage: "published" },
      { title: "2018年度全省五一劳动奖章和工人先锋号", stage: "notice" },
      { title: "2018年全省国有企业脱贫攻坚主题竞赛", stage: "running" },
    ]);
    const nominations = await t.db
      .selectFrom("nominations")
      .select(["competition_id", "kind", "status", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy(["competition_id", "kind", "status"])
      .orderBy("competition_id")
      .orderBy("kind")
      .orderBy("status")
      .execute();
    const byStatus = (id: number) =>
      nominations.filter((r) => r.competition_id === id).map((r) => `${r.kind} ${r.status} ${Number(r.n)}`);
    // The running competition: about 150 filed; 2017: 33 collectives and 77 individuals commended out of 42 and 98.
    expect(byStatus(1)).toEqual(["collective submitted 50", "individual submitted 100"]);
    expect(byStatus(2)).toEqual([
      "collective commended 33",
      "collective scored 9",
      "individual commended 77",
      "individual scored 21",
    ]);
    expect(byStatus(3)).toEqual([
      "collective on_notice 10",
      "collective scored 4",
      "individual on_notice 20",
      "individual scored 8",
    ]);
    const published = await t.db
      .selectFrom("honorees")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(published.n)).toBe(110);
    const objections = await t.db.selectFrom("objections").select(["status"]).execute();
    expect(objections).toEqual([{ status: "open" }]);
  });
});
