import type { Migration } from "kysely";
import * as m0001 from "./0001-spine";
import * as m0002 from "./0002-competitions";

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  "0001-spine": m0001,
  "0002-competitions": m0002,
};
