import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { regionNames } from "~/domain/region-names";

/** Every region code the counties and the unions know, with its name (domain/region-names.ts). */
export async function loadRegionNames(db: Kysely<Database>): Promise<Map<string, string>> {
  const [counties, orgs] = await Promise.all([
    db.selectFrom("counties").select(["code", "name", "city"]).orderBy("code").execute(),
    db
      .selectFrom("orgs")
      .select(["region_code", "name"])
      .where("region_code", "is not", null)
      .orderBy("id")
      .execute(),
  ]);
  return regionNames(counties, orgs);
}
