import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

// Issue #15 item 6: db/ holds the schema (types, migrations, connections); the demo data is seeding,
// not schema, and lives in seed/.
describe("the tree's layout", () => {
  it("keeps the demo seed out of db/", () => {
    expect(fs.existsSync(path.join(ROOT, "db/demo"))).toBe(false);
    expect(fs.existsSync(path.join(ROOT, "seed/load.ts"))).toBe(true);
  });

  it("reads the seed's reference data from seed/", () => {
    for (const csv of ["cn-calendar-2018.csv", "shaanxi-poverty-counties.csv"])
      expect(fs.existsSync(path.join(ROOT, "seed", csv)), csv).toBe(true);
  });
});
