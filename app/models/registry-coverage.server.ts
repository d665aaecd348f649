import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { assessCoverage, summarizeByCity, type CountyCoverage } from "~/domain/registry/coverage";
import type { MatchInput } from "~/domain/registry/matching";
import type { RegistryScope } from "~/domain/registry/registry-scope";
import { parseTags } from "~/domain/registry/tags";
import { listCounties, type CountyFilter } from "./county.server";

/**
 * The whole registry as the matcher sees it. Helpers whose title was revoked take no part: they
 * are not suggested and their pairings no longer count toward coverage (decision 007).
 */
export async function loadMatchInput(db: Kysely<Database>): Promise<MatchInput> {
  const [helpers, counties, pairings] = await Promise.all([
    db
      .selectFrom("helpers")
      .select(["ref", "kind", "city", "skills", "capacity"])
      .where("revoked_at", "is", null)
      .orderBy("ref")
      .execute(),
    db.selectFrom("counties").select(["code", "city", "poverty_level", "needs"]).orderBy("code").execute(),
    db
      .selectFrom("pairings")
      .innerJoin("helpers", "helpers.id", "pairings.helper_id")
      .innerJoin("counties", "counties.id", "pairings.county_id")
      .select(["helpers.ref", "counties.code"])
      .where("helpers.revoked_at", "is", null)
      .orderBy("helpers.ref")
      .orderBy("counties.code")
      .execute(),
  ]);
  return {
    helpers: helpers.map((h) => ({
      id: h.ref,
      kind: h.kind,
      city: h.city,
      skills: parseTags(h.skills),
      capacity: h.capacity,
    })),
    counties: counties.map((c) => ({
      code: c.code,
      city: c.city,
      poverty_level: c.poverty_level,
      needs: parseTags(c.needs),
    })),
    pairings: pairings.map((p) => ({ helper_id: p.ref, county_code: p.code })),
  };
}

/** Helpers of each kind paired with the counties given, revoked ones left out. */
async function pairedHelpers(db: Kysely<Database>, countyIds: number[]) {
  if (!countyIds.length) return [];
  return db
    .selectFrom("pairings")
    .innerJoin("helpers", "helpers.id", "pairings.helper_id")
    .innerJoin("counties", "counties.id", "pairings.county_id")
    .select(["helpers.ref", "helpers.kind", "counties.code"])
    .where("helpers.revoked_at", "is", null)
    .where("pairings.county_id", "in", countyIds)
    .execute();
}

export interface CountyCoverageRow extends CountyCoverage {
  id: number;
  name: string;
  exited_year: number | null;
}

/** The coverage rule evaluated for each county in the scope, and the totals by city. */
export async function coverageOf(db: Kysely<Database>, scope: RegistryScope, filter: CountyFilter = {}) {
  const counties = await listCounties(db, scope, filter);
  const paired = await pairedHelpers(
    db,
    counties.map((c) => c.id),
  );
  const helpers = [...new Map(paired.map((p) => [p.ref, { id: p.ref, kind: p.kind }])).values()];
  const report = assessCoverage(
    counties,
    helpers,
    paired.map((p) => ({ helper_id: p.ref, county_code: p.code })),
  );
  const rows: CountyCoverageRow[] = report.counties.map((c, i) => ({
    ...c,
    id: counties[i].id,
    name: counties[i].name,
    exited_year: counties[i].exited_year,
  }));
  const cities = summarizeByCity([...rows].sort((a, b) => (a.county_code < b.county_code ? -1 : 1)));
  return { counties: rows, cities };
}
