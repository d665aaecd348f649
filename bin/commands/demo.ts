import { dropAllTables, migrateToLatest } from "../../db/migrate";
import { loadDemoIfEmpty } from "../../seed/load";
import { loadSecrets } from "../../app/utils/secrets.server";
import { type Command, CommandError, EXIT, UsageError, withDatabase } from "../cli-kit";

export const demoLoad: Command = {
  options: { reset: { type: "boolean" } },
  async run({ values, positionals }) {
    if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
    await withDatabase(async (db) => {
      if (values.reset) await dropAllTables(db);
      await migrateToLatest(db);
      // Checked and loaded under one lock: a server starting on the same database meanwhile cannot load it twice.
      if (!(await loadDemoIfEmpty(db, loadSecrets().dataKey)))
        throw new CommandError("The database already holds data: use demo load --reset to replace it.");
    });
    process.stderr.write("Demo data loaded.\n");
    return EXIT.ok;
  },
};
