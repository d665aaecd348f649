import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";
import { registryScope, type RegistryScope } from "~/domain/registry/registry-scope";

/** The registry scope of an admin whose subtrees are `paths` (see `registryScope`). */
export async function loadRegistryScope(db: Kysely<Database>, paths: string[]): Promise<RegistryScope> {
  if (!paths.length) return registryScope([]);
  const orgs = await db
    .selectFrom("orgs")
    .select(["name", "kind", "path", "parent_id", "region_code"])
    .where("path", "in", paths)
    .execute();
  return registryScope(orgs);
}

/** The scope's condition on `counties`, for `.where(…)` on a query that names that table. */
export function countyCondition(scope: RegistryScope) {
  return (eb: ExpressionBuilder<Database, "counties">) => {
    if (scope.all) return sql<boolean>`1 = 1`;
    const terms = scope.countyPrefixes.map((p) => eb("counties.code", "like", `${p}%`));
    if (scope.cityNames.length) terms.push(eb("counties.city", "in", scope.cityNames));
    return terms.length ? eb.or(terms) : sql<boolean>`1 = 0`;
  };
}

/** The scope's condition on `helpers` (joined to their org as `helper_org`, left join). */
export function helperCondition(scope: RegistryScope) {
  return (eb: ExpressionBuilder<Database & { helper_org: Database["orgs"] }, "helpers" | "helper_org">) => {
    if (scope.all) return sql<boolean>`1 = 1`;
    const terms = scope.orgPaths.map((p) => eb("helper_org.path", "like", `${p}%`));
    return terms.length ? eb.or(terms) : sql<boolean>`1 = 0`;
  };
}
