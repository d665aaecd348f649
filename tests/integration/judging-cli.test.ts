import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { runLaurel } from "../support/cli";
import { insertEligible, makeJudgingWorld } from "./judging-fixture";
import { addPanelJudge } from "~/models/panel.server";
import { getJudgingCategory } from "~/models/judging-category.server";

vi.setConfig({ testTimeout: 600_000 });

let t: TestDatabase;
let world: Awaited<ReturnType<typeof makeJudgingWorld>>;
let dir: string;
let env: Record<string, string>;
const refs: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  world = await makeJudgingWorld(t.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-cli-judging-"));
  env = {
    ...t.env,
    LAUREL_DATA_KEY: crypto.randomBytes(32).toString("hex"),
    SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
  };
  // Quota 2 and 女 ≥ 50%: the best two are both men, so the walk must skip the second.
  await t.db.updateTable("categories").set({ quota: 2 }).where("id", "=", world.individual.id).execute();
  await t.db
    .insertInto("composition_rules")
    .values({
      category_id: world.individual.id,
      position: 1,
      label: "女性不少于50%",
      attribute: "gender",
      values_json: JSON.stringify(["女"]),
      op: "at_least",
      share: "0.5",
    })
    .execute();
  for (const gender of ["male", "male", "female"] as const)
    refs.push((await insertEligible(t.db, world.target, world.tree.cityB, { gender })).ref);
  const cat = (await getJudgingCategory(t.db, world.individual.id))!;
  await t.db
    .transaction()
    .execute((trx) => addPanelJudge(trx, { userId: null, label: "t", ip: null }, cat, world.judges[0].id));
});
afterAll(async () => {
  await t.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, content: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};
const base = () => ["--competition", String(world.competitionId), "--category", "先进个人"];

describe("scores import, ranking, select", () => {
  it("imports paper sheets, refusing bad rows and unknown judges without --add-judges", async () => {
    const csv = write(
      "scores.csv",
      `推荐编号,评委,事迹突出\n${refs[0]},评委甲,90\n${refs[1]},纸质评委,80\nNOPE,评委甲,70\n${refs[2]},评委甲,101\n`,
    );
    const r = await runLaurel(["scores", "import", csv, ...base()], env);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("row 3\tjudge\tNo judge “纸质评委” on the panel");
    expect(r.stderr).toContain("row 4\tnomination_ref\tNo nomination with ref “NOPE”.");
    expect(r.stderr).toContain("row 5\t事迹突出\tPoints cannot exceed this criterion's maximum of 100.");
    const again = write(
      "scores2.csv",
      `nomination_ref,judge,事迹突出\n${refs[1]},纸质评委,80\n${refs[2]},纸质评委,75.5\n${refs[2]},评委甲,70\n${refs[1]},评委甲,85\n${refs[0]},纸质评委,88\n`,
    );
    const ok = await runLaurel(["scores", "import", again, ...base(), "--add-judges"], env);
    expect(ok.stderr).toContain("5");
    expect(ok.status).toBe(0);
  });

  it("ranks in JSON and CSV, and selects under the rules", async () => {
    const panel = await t.db
      .selectFrom("panel_members")
      .select(["display_name", "external", "user_id"])
      .where("category_id", "=", world.individual.id)
      .orderBy("id")
      .execute();
    expect(panel).toEqual([
      { display_name: "评委甲", external: 0, user_id: world.judges[0].id },
      { display_name: "纸质评委", external: 1, user_id: null },
    ]);
    const json = await runLaurel(["ranking", ...base(), "--format", "json"], env);
    expect(json.status).toBe(0);
    // Means: refs[0] (90+88)/2 = 89, refs[1] (80+85)/2 = 82.5, refs[2] (75.5+70)/2 = 72.75.
    expect(JSON.parse(json.stdout)).toEqual({
      method: "mean",
      fallback_to_mean: false,
      entries: [
        { ref: refs[0], name: expect.any(String), score: 89, rank: 1, tied: false },
        { ref: refs[1], name: expect.any(String), score: 82.5, rank: 2, tied: false },
        { ref: refs[2], name: expect.any(String), score: 72.75, rank: 3, tied: false },
      ],
    });
    const csv = await runLaurel(["ranking", ...base(), "--format", "csv", "--method", "median"], env);
    expect(csv.stdout.split("\n")[0]).toBe("ref,name,score,rank,tied");
    expect(csv.stdout.split("\n")[1]).toMatch(new RegExp(`^${refs[0]},.*,89,1,false$`));
    const sel = await runLaurel(["select", ...base(), "--format", "json"], env);
    expect(JSON.parse(sel.stdout)).toEqual({
      quota: 2,
      selected: [
        { ref: refs[0], rank: 1 },
        { ref: refs[2], rank: 3 },
      ],
      skipped: [{ ref: refs[1], reason: "taking it would leave “女性不少于50%” (at least 1) short" }],
      unmet: [],
    });
    expect((await runLaurel(["ranking", ...base(), "--method", "best"], env)).status).toBe(2);
  });
});
