import type { Kysely } from "kysely";
import { dialectOf } from "../dialect";

/** Column types and the id column that differ between SQLite and PostgreSQL, for migrations 0003 on. */
export function columnKinds(db: Kysely<any>) {
  const pg = dialectOf(db) === "postgres";
  return {
    pg,
    id: pg ? ("serial" as const) : ("integer" as const),
    idCol: (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()),
    real: pg ? ("double precision" as const) : ("real" as const),
    blob: pg ? ("bytea" as const) : ("blob" as const),
    /** Money in fen and other counts that may pass 2^31. */
    bigint: pg ? ("bigint" as const) : ("integer" as const),
  };
}
