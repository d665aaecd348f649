import type { Kysely } from "kysely";

// Frozen once merged: later changes go in a new numbered migration.

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- filled by the notice work
export async function up(db: Kysely<any>): Promise<void> {}
