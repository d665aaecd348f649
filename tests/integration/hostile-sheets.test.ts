import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "~/domain/errors";
import { isMessageKey } from "~/i18n";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { importNominations, MAX_REF, NOMINATION_COLUMNS } from "~/models/nomination-import.server";
import { readSheet, SheetError } from "~/utils/sheet.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { dbSnapshot } from "../support/hardening-fuzz";
import { encodeSheet, encoding, hostileSheet, type SheetImporter } from "../support/hardening-sheets";
import { makeWorld, type World } from "../support/hardening-world";
import { routeHarness } from "../support/remix";
import { makeId } from "../unit/nominations/id-helpers";

const RUNS_PER_IMPORTER = 250;
/** Issue #9 asks for 100k rows: about 40 s, so only under LAUREL_HEAVY_TESTS=1; 10k rows otherwise. */
const BIG_ROWS = process.env.LAUREL_HEAVY_TESTS === "1" ? 100_000 : 10_000;

let t: TestDatabase;
let w: World;
let dataKey: Buffer;

beforeAll(async () => {
  t = await createTestDatabase();
  dataKey = routeHarness(t.db).context.secrets.dataKey;
  w = await makeWorld(t.db, dataKey);
});
afterAll(() => t.destroy());

/** Every import sheet of the app; the calendar, registry and activities importers join with one entry each. */
function importers(): SheetImporter[] {
  return [
    {
      name: "nominations",
      columns: NOMINATION_COLUMNS,
      validRow: () => ({
        ref: "R-1", category: "先进个人", nominating_org: w.orgs.county.name, kind: "individual", name: "张建国", gender: "男", ethnicity: "汉族",
        birth_date: "1980-03-15", political_status: "中共党员", education: "大专", workplace: "某某机械厂", post: "车工",
        occupation_group: "frontline", migrant: "否", id_number: makeId("610102", "19800315", "457"), phone: "13812345678",
        member_count: "", leader: "", deeds: "扎根一线二十年。", sector: "", summary: "",
      }),
      poison: [
        ["id_number", "=cmd|' /C calc'!A0"], ["id_number", "610102198003151230"], ["birth_date", "2018-02-30"], ["gender", "=1+1"],
        ["migrant", "maybe"], ["kind", "robot"], ["nominating_org", "不存在的工会"], ["occupation_group", "@SUM(A1)"],
        ["ref", "x".repeat(MAX_REF + 1)], ["name", ""], ["deeds", "长".repeat(3001)], ["category", "先进集体"], ["member_count", "12"],
      ],
      run: (rows) => importNominations(t.db, SYSTEM_ACTOR, dataKey, { competitionId: w.running.id, categoryName: "先进个人" }, rows),
    },
  ];
}

/** Reads and imports, as the CLI and the upload page do; a refused file is an expected outcome. */
async function importBytes(importer: SheetImporter, bytes: Buffer) {
  try {
    return { report: await importer.run(await readSheet(bytes)) };
  } catch (error) {
    if (error instanceof SheetError || error instanceof DomainError) return { refusedFile: error.message };
    throw error;
  }
}

let generated = 0;

describe("hostile import sheets", () => {
  for (const importer of importers()) {
    it(`${importer.name}: every poisoned row is refused with a message, and nothing is written`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileSheet(importer), encoding, async (sheet, how) => {
          generated++;
          const before = await dbSnapshot(t.db);
          const outcome = await importBytes(importer, await encodeSheet(sheet.rows, how));
          expect(await dbSnapshot(t.db)).toEqual(before);
          const { report, refusedFile } = outcome;
          if (!report) {
            expect(isMessageKey(refusedFile ?? ""), refusedFile).toBe(true);
            return;
          }
          expect(report.imported).toBe(0);
          expect(report.issues.length).toBeGreaterThan(0);
          for (const issue of report.issues) expect(isMessageKey(issue.messageKey), JSON.stringify(issue)).toBe(true);
        }),
        { numRuns: RUNS_PER_IMPORTER },
      );
    });

    it(`${importer.name}: a ${BIG_ROWS.toLocaleString("en")}-row sheet of bad rows is refused row by row, writing nothing`, async () => {
      const valid = importer.validRow();
      const [column, value] = importer.poison[0];
      const header = importer.columns.map((c) => c.en);
      const rows = [header, ...Array.from({ length: BIG_ROWS }, (_, i) => importer.columns.map((c) => (c.key === column ? value : c.key === "ref" ? `R${i}` : (valid[c.key] ?? ""))))];
      const before = await dbSnapshot(t.db);
      const outcome = await importBytes(importer, await encodeSheet(rows, "csv"));
      expect(outcome.report?.imported).toBe(0);
      expect(outcome.report?.refused).toBe(BIG_ROWS);
      expect(await dbSnapshot(t.db)).toEqual(before);
    });
  }

  it("generated the sheets it meant to", () => {
    expect(generated).toBe(RUNS_PER_IMPORTER * importers().length);
  });
});
