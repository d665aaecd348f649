import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { laurel } from "../support/cli";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeTree } from "../support/factories";
import { bigNominationSheet, CLI_SECRETS, countOf, integrityCheck, startCli, waitFor, writeInProgress } from "../support/hardening-faults";

/** Large enough that the import's one transaction runs for seconds: the kill lands inside it. */
const ROWS = process.env.LAUREL_HEAVY_TESTS === "1" ? 20_000 : 4_000;

let t: TestDatabase;
let dir: string;
let sheet: string;
let competitionId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-faults-"));
  const tree = await makeTree(t.db);
  ({ competitionId } = await makeNominatingCompetition(t.db, tree, { cityA: 1, cityB: 1, county: ROWS, collective: 1 }));
  sheet = path.join(dir, "big.csv");
  fs.writeFileSync(sheet, bigNominationSheet(ROWS, tree.county.name));
});
afterAll(async () => {
  await t.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const importArgs = () => ["nominations", "import", sheet, "--competition", String(competitionId), "--category", "先进个人"];

describe(`kill -9 in the middle of work (${process.env.TEST_DATABASE_URL?.startsWith("postgres") ? "PostgreSQL" : "SQLite"})`, () => {
  it(`leaves no partial import when the CLI dies halfway through ${ROWS} rows, and the import then runs whole`, async () => {
    const before = { nominations: await countOf(t.db, "nominations"), events: await countOf(t.db, "nomination_events"), audit: await countOf(t.db, "audit_log") };
    const run = startCli(importArgs(), t.env);
    await waitFor(() => writeInProgress(t, "nominations"), 60_000, "the import to start writing");
    await new Promise((r) => setTimeout(r, 400));
    run.child.kill("SIGKILL");
    const end = await run.exited;
    expect(end.signal, `the import finished before the kill (${end.stderr}); raise ROWS`).toBe("SIGKILL");
    // PostgreSQL rolls back when the dead client's connection drops; wait for its locks to go.
    await waitFor(async () => !(await writeInProgress(t, "nominations")), 30_000, "the dead transaction's locks to clear");

    expect(await integrityCheck(t)).toBe("ok");
    expect({ nominations: await countOf(t.db, "nominations"), events: await countOf(t.db, "nomination_events"), audit: await countOf(t.db, "audit_log") }).toEqual(before);

    const again = laurel(importArgs(), { ...t.env, ...CLI_SECRETS });
    expect(again.stderr).toContain(`${ROWS}`);
    expect(again.status).toBe(0);
    expect(await countOf(t.db, "nominations")).toBe(before.nominations + ROWS);
    expect(await integrityCheck(t)).toBe("ok");
  }, 240_000);

  // Slots for the areas still being built (issue #9 §4): kill -9 the server or the CLI during
  // `competition advance … --to published` (publication) and during `match --apply`; after restart
  // the integrity check passes, no half-published list (honor roll entries without their decision)
  // and no half-applied matching (some suggested pairings without the others) remain.
  it.todo("kill -9 during publication leaves the list either unpublished or wholly published");
  it.todo("kill -9 during match --apply leaves either none or all of the accepted pairings");
});
