import { parseDatabaseUrl } from "../../db/client";
import { BackupError, backupDatabase, restoreDatabase } from "../../db/backup";
import { type Command, CommandError, databaseUrl, EXIT, UsageError } from "../cli-kit";

function target() {
  try {
    return parseDatabaseUrl(databaseUrl());
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function guarded(fn: () => Promise<void>) {
  try {
    await fn();
  } catch (error) {
    if (error instanceof BackupError) throw new CommandError(error.message);
    throw error;
  }
}

export const backup: Command = {
  async run({ positionals }) {
    if (positionals.length !== 1) throw new UsageError("expected exactly one FILE");
    await guarded(() => backupDatabase(target(), positionals[0]));
    process.stderr.write(`Backed up to ${positionals[0]}.\n`);
    return EXIT.ok;
  },
};

export const restore: Command = {
  async run({ positionals }) {
    if (positionals.length !== 1) throw new UsageError("expected exactly one FILE");
    await guarded(() => restoreDatabase(target(), positionals[0]));
    process.stderr.write(`Restored from ${positionals[0]}.\n`);
    return EXIT.ok;
  },
};
