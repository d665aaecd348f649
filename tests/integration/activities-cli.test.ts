import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { runLaurel } from "../support/cli";
import { generateActivities, insertCounties, sheetCsv } from "../support/activities";
import { runActivitiesImport } from "../../bin/commands/activities";

let t: TestDatabase;
let dir: string;
beforeAll(async () => {
  t = await createTestDatabase();
  await insertCounties(t.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-activities-"));
});
afterAll(async () => {
  await t.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const generated = generateActivities(120, 11);
const registryReady = !fs
  .readFileSync(path.resolve(import.meta.dirname, "../../bin/commands/registry.ts"), "utf8")
  .includes("not available yet");

/** runActivitiesImport in this process, with the test database's environment and stderr captured. */
async function importInProcess(
  file: string,
  allOrNothing: boolean,
): Promise<{ code: number; stderr: string }> {
  const saved = { ...process.env };
  const write = process.stderr.write.bind(process.stderr);
  let stderr = "";
  Object.assign(process.env, t.env, { LAUREL_LANG: "en" });
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    return { code: await runActivitiesImport(file, allOrNothing), stderr };
  } finally {
    process.stderr.write = write;
    process.env = saved;
  }
}

describe("laurel stats and registry import activities", () => {
  it("prints zeros as one JSON document on an empty database", async () => {
    const r = await runLaurel(["stats", "--format", "json"], t.env);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      teams: 0,
      activities: 0,
      person_times: 0,
      funds_yuan: 0,
      villages: 0,
      households_helped: 0,
      people_helped: 0,
      households_lifted: 0,
      people_lifted: 0,
    });
  });

  it("imports a sheet and gives the keys of docs/domain.md#command-line with funds in yuan", async () => {
    const file = path.join(dir, "activities.csv");
    fs.writeFileSync(file, `\ufeff${sheetCsv(generated.records)}`);
    const r = registryReady
      ? (({ status, stderr }) => ({ code: status, stderr }))(
          await runLaurel(["registry", "import", "activities", file], t.env),
        )
      : await importInProcess(file, false);
    expect(r.stderr).toContain("120");
    expect(r.code).toBe(0);
    const out = await runLaurel(["stats", "--format", "json"], t.env);
    expect(out.status).toBe(0);
    const e = generated.expected;
    expect(Object.keys(JSON.parse(out.stdout))).toEqual([
      "teams",
      "activities",
      "person_times",
      "funds_yuan",
      "villages",
      "households_helped",
      "people_helped",
      "households_lifted",
      "people_lifted",
    ]);
    expect(JSON.parse(out.stdout)).toEqual({
      teams: e.teams,
      activities: 120,
      person_times: e.person_times,
      funds_yuan: e.funds_fen / 100,
      villages: e.villages,
      households_helped: e.households_helped,
      people_helped: e.people_helped,
      households_lifted: e.households_lifted,
      people_lifted: e.people_lifted,
    });
    expect(
      JSON.parse((await runLaurel(["stats", "--year", "2017", "--format", "json"], t.env)).stdout).activities,
    ).toBe(120);
  });

  it("exits 3 with the row report when rows are refused, and 0 rows with --all-or-nothing", async () => {
    const bad = generated.records
      .slice(0, 3)
      .map((r, i) => ({ ...r, village: `新村${i}`, people_lifted: i === 1 ? "1000" : r.people_lifted }));
    const file = path.join(dir, "bad.csv");
    fs.writeFileSync(file, sheetCsv(bad, "en"));
    const r = await importInProcess(file, true);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("row 3\tpeople_lifted\tPeople lifted cannot exceed people helped.");
    expect(JSON.parse((await runLaurel(["stats", "--format", "json"], t.env)).stdout).activities).toBe(120);
    const partial = await importInProcess(file, false);
    expect(partial.code).toBe(3);
    expect(JSON.parse((await runLaurel(["stats", "--format", "json"], t.env)).stdout).activities).toBe(122);
  });

  it.skipIf(!registryReady)("runs through `registry import activities … --all-or-nothing`", async () => {
    const file = path.join(dir, "again.csv");
    fs.writeFileSync(file, sheetCsv(generated.records.slice(0, 2)));
    const r = await runLaurel(["registry", "import", "activities", file, "--all-or-nothing"], t.env);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("row 2");
  });

  it("refuses a bad --year with exit 2", async () => {
    expect((await runLaurel(["stats", "--year", "18"], t.env)).status).toBe(2);
  });
});
