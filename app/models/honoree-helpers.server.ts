import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Actor } from "./audit.server";

/*
 * The bridge from a published honor roll to the registry (issue 6, item 2). Publication calls
 * `registerHonoreesAsHelpers` inside its transaction; revocation calls `markHonoreeHelperRevoked`.
 * Placeholder bodies until the registry work fills them in.
 */

/** Each commended nomination of a category that grants a model-worker title becomes a helper, once. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function registerHonoreesAsHelpers(trx: Kysely<Database>, actor: Actor, categoryId: number): Promise<number> {
  return 0;
}

/** The helper created from this nomination (if any) is marked revoked. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function markHonoreeHelperRevoked(trx: Kysely<Database>, actor: Actor, nominationId: number): Promise<void> {}
