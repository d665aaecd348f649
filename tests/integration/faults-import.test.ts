import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { laurel } from "../support/cli";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeTree, makeUser } from "../support/factories";
import { bigListOnNotice, bigRegistry } from "../support/fault-fixtures";
import type { NominationStatus } from "../../app/domain/nominations/vocabulary";
import {
  bigNominationSheet,
  CLI_SECRETS,
  countOf,
  integrityCheck,
  startCli,
  startScript,
  waitFor,
  writeInProgress,
} from "../support/hardening-faults";

/** Large enough that the import's one transaction runs for seconds: the kill lands inside it. */
const ROWS = process.env.LAUREL_HEAVY_TESTS === "1" ? 20_000 : 4_000;
/** Entries on the list the publication commends: enough that it writes for about a second. */
const LIST = 1_500;

let t: TestDatabase;
let dir: string;
let sheet: string;
let competitionId: number;
let tree: Awaited<ReturnType<typeof makeTree>>;

beforeAll(async () => {
  t = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-faults-"));
  tree = await makeTree(t.db);
  ({ competitionId } = await makeNominatingCompetition(t.db, tree, {
    cityA: 1,
    cityB: 1,
    county: ROWS,
    collective: 1,
  }));
  sheet = path.join(dir, "big.csv");
  fs.writeFileSync(sheet, bigNominationSheet(ROWS, tree.county.name));
});
afterAll(async () => {
  await t.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const importArgs = () => [
  "nominations",
  "import",
  sheet,
  "--competition",
  String(competitionId),
  "--category",
  "先进个人",
];

describe(`kill -9 in the middle of work (${process.env.TEST_DATABASE_URL?.startsWith("postgres") ? "PostgreSQL" : "SQLite"})`, () => {
  it(`leaves no partial import when the CLI dies halfway through ${ROWS} rows, and the import then runs whole`, async () => {
    const before = {
      nominations: await countOf(t.db, "nominations"),
      events: await countOf(t.db, "nomination_events"),
      audit: await countOf(t.db, "audit_log"),
    };
    const run = startCli(importArgs(), t.env);
    await waitFor(() => writeInProgress(t, "nominations"), 60_000, "the import to start writing");
    await new Promise((r) => setTimeout(r, 400));
    run.child.kill("SIGKILL");
    const end = await run.exited;
    expect(end.signal, `the import finished before the kill (${end.stderr}); raise ROWS`).toBe("SIGKILL");
    // PostgreSQL rolls back when the dead client's connection drops; wait for its locks to go.
    await waitFor(
      async () => !(await writeInProgress(t, "nominations")),
      30_000,
      "the dead transaction's locks to clear",
    );

    expect(await integrityCheck(t)).toBe("ok");
    expect({
      nominations: await countOf(t.db, "nominations"),
      events: await countOf(t.db, "nomination_events"),
      audit: await countOf(t.db, "audit_log"),
    }).toEqual(before);

    const again = laurel(importArgs(), { ...t.env, ...CLI_SECRETS });
    expect(again.stderr).toContain(`${ROWS}`);
    expect(again.status).toBe(0);
    expect(await countOf(t.db, "nominations")).toBe(before.nominations + ROWS);
    expect(await integrityCheck(t)).toBe("ok");
  }, 240_000);

  it(`kill -9 during publication leaves the list either unpublished or wholly published (${LIST} entries)`, async () => {
    const organizer = await t.db
      .selectFrom("competitions")
      .select("org_id")
      .where("id", "=", competitionId)
      .executeTakeFirstOrThrow();
    const { competitionId: listId, individual } = await makeNominatingCompetition(t.db, tree, {
      cityA: 1,
      cityB: 1,
      county: 1,
      collective: 1,
    });
    await bigListOnNotice(t.db, listId, individual.id, tree.county.id, LIST);
    const admin = await makeUser(t.db, tree.province, ["admin"]);
    // The server's publication action, in a process of its own, on the day after the notice.
    const post = () =>
      startScript(
        "tests/support/fault-publish.ts",
        [String(listId), String(admin.id), String(organizer.org_id)],
        { ...t.env, LAUREL_TODAY: "2018-10-08" },
      );
    const before = {
      nominations: await countOf(t.db, "nominations"),
      audit: await countOf(t.db, "audit_log"),
    };

    const run = post();
    await untilWriting(run, "nominations");
    await new Promise((r) => setTimeout(r, 200));
    run.child.kill("SIGKILL");
    const end = await run.exited;
    expect(end.signal, `the publication finished before the kill (${end.stderr}); raise LIST`).toBe(
      "SIGKILL",
    );
    await waitFor(
      async () => !(await writeInProgress(t, "nominations")),
      30_000,
      "the dead transaction's locks to clear",
    );

    expect(await integrityCheck(t)).toBe("ok");
    expect(await publicationState(listId)).toEqual({
      stage: "notice",
      publications: 0,
      honorees: 0,
      commended: 0,
      onNotice: LIST,
    });
    expect({
      nominations: await countOf(t.db, "nominations"),
      audit: await countOf(t.db, "audit_log"),
    }).toEqual(before);

    // After the restart the same form publishes the whole list.
    const again = post();
    const done = await again.exited;
    expect(done.code, done.stderr).toBe(0);
    expect(await publicationState(listId)).toEqual({
      stage: "published",
      publications: 1,
      honorees: LIST,
      commended: LIST,
      onNotice: 0,
    });
    expect(await integrityCheck(t)).toBe("ok");
  }, 240_000);

  it("kill -9 during match --apply leaves either none or all of the accepted pairings", async () => {
    await bigRegistry(t.db);
    const before = { pairings: await pairingCount(), audit: await countOf(t.db, "audit_log") };
    const run = startCli(["match", "--apply", "--format", "json"], t.env);
    await untilWriting(run, "pairings");
    run.child.kill("SIGKILL");
    const end = await run.exited;
    expect(end.signal, `match --apply finished before the kill (${end.stderr})`).toBe("SIGKILL");
    await waitFor(
      async () => !(await writeInProgress(t, "pairings")),
      30_000,
      "the dead transaction's locks to clear",
    );

    expect(await integrityCheck(t)).toBe("ok");
    expect({ pairings: await pairingCount(), audit: await countOf(t.db, "audit_log") }).toEqual(before);

    const again = laurel(["match", "--apply", "--format", "json"], { ...t.env, ...CLI_SECRETS });
    expect(again.status, again.stderr).toBe(0);
    const suggested = (JSON.parse(again.stdout) as { suggestions: unknown[] }).suggestions.length;
    expect(suggested).toBeGreaterThan(1000);
    expect(await pairingCount()).toBe(before.pairings + suggested);
    // Every accepted pairing came with its audit entry, in the same transaction.
    const logged = await t.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("action", "=", "pairing.create")
      .executeTakeFirstOrThrow();
    expect(Number(logged.n)).toBe(suggested);
    expect(await integrityCheck(t)).toBe("ok");
  }, 240_000);
});

/** Waits until the child holds a write transaction on `table`; fails at once with its stderr if it exits first. */
async function untilWriting(run: ReturnType<typeof startCli>, table: string) {
  let exited: string | undefined;
  void run.exited.then((e) => (exited = `exited (${e.code ?? e.signal}) before writing: ${e.stderr}`));
  await waitFor(
    async () => {
      if (exited) throw new Error(exited);
      return writeInProgress(t, table);
    },
    120_000,
    `a write on ${table}`,
  );
}

/** Where a competition's publication stands: all of it or none of it, never a mix. */
async function publicationState(id: number) {
  const n = async (q: Promise<{ n: unknown }>) => Number((await q).n);
  const byStatus = (status: NominationStatus) =>
    n(
      t.db
        .selectFrom("nominations")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("competition_id", "=", id)
        .where("status", "=", status)
        .executeTakeFirstOrThrow(),
    );
  return {
    stage: (
      await t.db.selectFrom("competitions").select("stage").where("id", "=", id).executeTakeFirstOrThrow()
    ).stage,
    publications: await n(
      t.db
        .selectFrom("publications")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("competition_id", "=", id)
        .executeTakeFirstOrThrow(),
    ),
    honorees: await n(
      t.db
        .selectFrom("honorees")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("competition_id", "=", id)
        .executeTakeFirstOrThrow(),
    ),
    commended: await byStatus("commended"),
    onNotice: await byStatus("on_notice"),
  };
}

const pairingCount = async () =>
  Number(
    (
      await t.db
        .selectFrom("pairings")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
