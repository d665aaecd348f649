import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { RegistryScope } from "~/domain/registry/registry-scope";
import { countyCondition, helperCondition } from "./registry-scope.server";

/** Helpers (titles not revoked) and pairings in the scope, for the dashboard's figures. */
export async function registryTotals(db: Kysely<Database>, scope: RegistryScope) {
  const [helpers, pairings] = await Promise.all([
    db
      .selectFrom("helpers")
      .leftJoin("orgs as helper_org", "helper_org.id", "helpers.org_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("helpers.revoked_at", "is", null)
      .where(helperCondition(scope))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("pairings")
      .innerJoin("counties", "counties.id", "pairings.county_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where(countyCondition(scope))
      .executeTakeFirstOrThrow(),
  ]);
  return { helpers: Number(helpers.n), pairings: Number(pairings.n) };
}
