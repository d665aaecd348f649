import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { runLaurel } from "../support/cli";

let t: TestDatabase;
let dir: string;
beforeAll(async () => {
  t = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-registry-"));
});
afterAll(async () => {
  await t.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, lines: string[]) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, `\uFEFF${lines.join("\n")}\n`);
  return p;
};

describe("laurel registry import / match", () => {
  it("imports the sheets, reports refused rows with exit 3, and matches with the JSON of docs/domain.md#command-line", async () => {
    const counties = file("counties.csv", [
      "code,name,city,poverty_level,exited_year,needs",
      "610828,佳县,榆林市,deep,2019,红枣;电商",
      "610827,米脂县,榆林市,poverty,2018,小米",
    ]);
    expect(await runLaurel(["registry", "import", "counties", counties], t.env)).toMatchObject({ status: 0 });
    const helpers = file("helpers.csv", [
      "编号,类别,姓名/名称,所在市,专长,可结对县数,级别,称号,获评年份",
      "W1,劳模,张建国,榆林市,红枣,2,省级,劳动模范,2015",
      "W2,劳模,李秀英,榆林市,电商,1,全国,全国劳动模范,2010",
      "W3,劳模,王磊,西安市,小米,1,市级,劳动模范,2012",
      "W4,劳模,刘芳,西安市,,0,市级,劳动模范,2012",
    ]);
    const imported = await runLaurel(["registry", "import", "helpers", helpers], t.env);
    expect(imported.status).toBe(3);
    expect(imported.stderr).toContain("row 5\tcapacity\t");
    const pairings = file("pairings.csv", [
      "helper_id,county_code,tier,started_on",
      "W3,610828,province,2018-06-01",
      "W9,610828,city,",
    ]);
    const refused = await runLaurel(["registry", "import", "pairings", pairings, "--all-or-nothing"], t.env);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain("row 3\thelper_id\t");
    expect(
      (
        await runLaurel(
          [
            "registry",
            "import",
            "pairings",
            file("p2.csv", ["helper_id,county_code,tier,started_on", "W3,610828,province,2018-06-01"]),
          ],
          t.env,
        )
      ).status,
    ).toBe(0);

    const run = await runLaurel(["match", "--format", "json"], t.env);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(Object.keys(doc)).toEqual(["cost", "lower_bound", "optimal", "suggestions", "uncovered"]);
    // 佳县 (deep) has W3 and takes W2 (0) and W1's second slot (load 2); 米脂县 takes W1's first (no shared skill: 4).
    expect(doc).toEqual({
      cost: 6,
      lower_bound: 6,
      optimal: true,
      suggestions: [
        { helper_id: "W1", county_code: "610827", cost: 4 },
        { helper_id: "W1", county_code: "610828", cost: 2 },
        { helper_id: "W2", county_code: "610828", cost: 0 },
      ].sort((a, b) => (a.county_code < b.county_code ? -1 : 1)),
      uncovered: [],
    });
    for (const s of doc.suggestions) expect(Object.keys(s)).toEqual(["helper_id", "county_code", "cost"]);

    const applied = await runLaurel(["match", "--apply", "--format", "json"], t.env);
    expect(applied.status).toBe(0);
    expect(JSON.parse(applied.stdout)).toEqual(doc);
    const paired = await t.db
      .selectFrom("pairings")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(paired.n)).toBe(4);
  }, 300_000);
});
