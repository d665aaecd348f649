import type { Kysely } from "kysely";
import type { Database } from "../schema";

/** Demo aid teams, activities and projects. Placeholder until the activities land. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function loadActivitiesDemo(trx: Kysely<Database>): Promise<void> {}
