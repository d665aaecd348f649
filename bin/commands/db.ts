import { migrateToLatest } from "../../db/migrate";
import { type Command, EXIT, UsageError, withDatabase } from "../cli-kit";

export const dbMigrate: Command = {
  async run({ positionals }) {
    if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
    const ran = await withDatabase(migrateToLatest);
    process.stderr.write(ran.length ? `Applied ${ran.join(", ")}\n` : "The schema is up to date.\n");
    return EXIT.ok;
  },
};
