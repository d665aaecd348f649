import { migrateToLatest } from "../../db/migrate";
import { SCANNED_KINDS } from "../../app/domain/notifications/reminder-rules";
import { runReminders } from "../../app/models/reminders.server";
import { type Command, EXIT, tr, withDatabase } from "../cli-kit";

/**
 * `laurel reminders run [--dry-run]`: the server's reminder scan, for cron where no server runs it.
 * Prints one line per kind, `KIND: COUNT`, every kind even at 0, so that a script reads them alike.
 */
export const remindersRun: Command = {
  options: { "dry-run": { type: "boolean" } },
  async run({ values }) {
    const dryRun = values["dry-run"] === true;
    const counts = await withDatabase(async (db) => {
      await migrateToLatest(db);
      return runReminders(db, new Date(), { dryRun });
    });
    for (const kind of SCANNED_KINDS) process.stdout.write(`${kind}: ${counts[kind]}\n`);
    const count = SCANNED_KINDS.reduce((n, k) => n + counts[k], 0);
    process.stderr.write(`${tr(dryRun ? "reminders.dryRun" : "reminders.queued", { count })}\n`);
    return EXIT.ok;
  },
};
