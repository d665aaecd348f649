import type { Kysely } from "kysely";
import type { Database } from "../schema";

/** Demo registry: the Shaanxi counties, a few hundred helpers and pairings. Placeholder until the registry lands. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function loadRegistryDemo(trx: Kysely<Database>): Promise<void> {}
