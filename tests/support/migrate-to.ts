import { type Kysely, Migrator } from "kysely";
import { dropAllTables, laurelSchema, MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";

/**
 * Empties the database and brings it up to `last` only: the schema a deployed server had before a
 * later migration, for the tests that show that migration handles the data already there.
 */
export async function migrateEmptyTo(db: Kysely<any>, last: string): Promise<void> {
  await dropAllTables(db);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    migrationTableSchema: await laurelSchema(db),
  });
  const { error } = await migrator.migrateTo(last);
  if (error) throw error;
}
