import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { createDatabase, parseDatabaseUrl } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { isEmptyDatabase, loadDemo } from "../../../seed/load";
import type { Database } from "../../../db/schema";

export interface BenchDatabase {
  db: Kysely<Database>;
  dialect: "sqlite" | "postgres";
  /** The DATABASE_URL of this database, for a server run in its own process. */
  url: string;
  /** Closes the connections; removes the database when the benchmark made it. */
  close(): Promise<void>;
}

/**
 * A migrated database holding the demo data. By default a fresh SQLite file in a temporary folder;
 * when DATABASE_URL is a postgres URL, that database as given: migrated, and the demo loaded only
 * when it is empty (data already there is never dropped, so figures on it are the operator's).
 * `dataKey` encrypts the demo's personal data: give the server the same one (lib/server.ts benchSecrets).
 */
export async function demoDatabase(dataKey: Buffer, log: (line: string) => void): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//i.test(url)) {
    const db = createDatabase(parseDatabaseUrl(url));
    await migrateToLatest(db);
    if (await isEmptyDatabase(db)) {
      log("Loading the demo data into the empty PostgreSQL database …");
      await loadDemo(db, dataKey);
    } else {
      log("PostgreSQL database already holds data: benchmarking it as it is.");
    }
    return { db, dialect: "postgres", url, close: () => db.destroy() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-bench-"));
  const file = path.join(dir, "laurel.db");
  const db = createDatabase({ dialect: "sqlite", file });
  try {
    await migrateToLatest(db);
    await loadDemo(db, dataKey);
  } catch (error) {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    db,
    dialect: "sqlite",
    url: `file:${file}`,
    async close() {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
