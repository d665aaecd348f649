import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeTree, makeUser } from "../support/factories";
import { CLI_SECRETS } from "../support/hardening-faults";
import { routeHarness } from "../support/remix";
import { insertEligible } from "./judging-fixture";
import { translate } from "~/i18n";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { advanceCompetition, getCompetition } from "~/models/competition.server";
import * as page from "~/routes/competitions.$competitionId._index";

const ROOT = path.resolve(import.meta.dirname, "../..");

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: { id: number };

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  tree = await makeTree(t.db);
  admin = await makeUser(t.db, tree.province, ["admin"]);
});
afterAll(() => t.destroy());

/**
 * A competition in nominating with one eligible nomination: both nominating → reviewing and
 * reviewing → judging pass their checks, so a doubled advance would really move it two stages.
 */
async function twoStepCompetition(): Promise<number> {
  const comp = await makeNominatingCompetition(t.db, tree, { cityA: 2, cityB: 2, county: 1, collective: 1 });
  await insertEligible(
    t.db,
    { competitionId: comp.competitionId, categoryId: comp.individual.id },
    tree.cityA,
  );
  return comp.competitionId;
}

const stageOf = async (id: number) => (await getCompetition(t.db, id))!.stage;
const advanceAudits = async (id: number) =>
  Number(
    (
      await t.db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("action", "=", "competition.advance")
        .where("entity_id", "=", String(id))
        .executeTakeFirstOrThrow()
    ).n,
  );
const advance = (id: number, stage?: string) =>
  h.post(
    page.action,
    `/competitions/${id}`,
    { intent: "advance", ...(stage ? { stage } : {}) },
    { userId: admin.id, params: { competitionId: String(id) } },
  );

describe("two advances of the same competition", () => {
  it("a second submit carrying the old stage gets a 409 naming the stage reached, and moves nothing", async () => {
    const id = await twoStepCompetition();
    const first = await advance(id, "nominating");
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({ ok: true, advanced: "reviewing" });
    const second = await advance(id, "nominating");
    expect(second.status).toBe(409);
    expect(second.data.errors._form).toEqual({
      key: "competitions.alreadyMoved",
      params: { stage: translate("zh-CN", "stage.reviewing") },
    });
    expect(translate("zh-CN", "competitions.alreadyMoved", second.data.errors._form.params)).toBe(
      "此竞赛已进入「资格审查」阶段，本次操作未执行。",
    );
    expect(await stageOf(id)).toBe("reviewing");
    expect(await advanceAudits(id)).toBe(1);
  });

  it("two advances at once (Promise.all on the action): exactly one moves, the other gets 409, one audit row", async () => {
    const id = await twoStepCompetition();
    const results = await Promise.all([advance(id, "nominating"), advance(id, "nominating")]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.data.errors._form.key).toBe("competitions.alreadyMoved");
    expect(await stageOf(id)).toBe("reviewing");
    expect(await advanceAudits(id)).toBe(1);
  });

  it("two server processes posting at the same moment: one moves, one 409, one audit row", async () => {
    const id = await twoStepCompetition();
    const startAt = String(Date.now() + 6000);
    const runs = await Promise.all(
      [0, 1].map(() => postFromProcess([String(id), String(admin.id), "nominating", startAt])),
    );
    expect(runs.map((r) => r.status).sort(), JSON.stringify(runs)).toEqual([200, 409]);
    expect(await stageOf(id)).toBe("reviewing");
    expect(await advanceAudits(id)).toBe(1);
  }, 60_000);

  it("refuses an advance whose form does not say the stage it was shown in, with a message", async () => {
    const id = await twoStepCompetition();
    const r = await advance(id);
    expect(r.status).toBe(400);
    expect(r.data.errors.stage.key).toBe("competitions.staleStage");
    expect(await stageOf(id)).toBe("nominating");
  });

  it("the model's own guard: an advance from a stage already left (the CLI's read gone stale) moves nothing", async () => {
    const id = await twoStepCompetition();
    const seen = (await getCompetition(t.db, id))!;
    expect((await t.db.transaction().execute((trx) => advanceCompetition(trx, SYSTEM_ACTOR, seen))).ok).toBe(
      true,
    );
    const stale = await t.db.transaction().execute((trx) => advanceCompetition(trx, SYSTEM_ACTOR, seen));
    expect(stale).toMatchObject({ ok: false, movedTo: "reviewing" });
    expect(await stageOf(id)).toBe("reviewing");
    expect(await advanceAudits(id)).toBe(1);
  });
});

/** tests/support/advance-once.ts in a process of its own; its one line of output, parsed. */
function postFromProcess(args: string[]): Promise<{ status: number; data: unknown }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "tests/support/advance-once.ts"), ...args],
      { cwd: ROOT, env: { ...process.env, ...CLI_SECRETS, ...t.env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.once("exit", (code) => {
      try {
        resolve(JSON.parse(out.trim().split("\n").pop() ?? ""));
      } catch {
        reject(new Error(`advance-once exited ${code}: ${err}`));
      }
    });
  });
}
