import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";

/** 100 synthetic counties in 10 cities, for the activities benchmarks. */
export function benchCounties() {
  return Array.from({ length: 100 }, (_, i) => ({
    code: `61${String(Math.floor(i / 10) + 1).padStart(2, "0")}${String((i % 10) + 21).padStart(2, "0")}`,
    name: `基准${i + 1}县`,
    city: `基准${Math.floor(i / 10) + 1}市`,
  }));
}

export async function insertBenchCounties(
  db: Kysely<Database>,
): Promise<{ id: number; code: string; city: string }[]> {
  const now = new Date().toISOString();
  await db
    .insertInto("counties")
    .values(
      benchCounties().map((c) => ({
        ...c,
        poverty_level: "poverty" as const,
        exited_year: null,
        needs: "",
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  return db.selectFrom("counties").select(["id", "code", "city"]).orderBy("code").execute();
}
