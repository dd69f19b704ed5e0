import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

export const MIGRATIONS_DIR = resolvePackagePath(
  '@integrated-ops/plugin-integrated-ops-backend',
  'migrations',
);

/** The plugin's database, migrated to the latest schema unless migrations are skipped. */
export async function migratedDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const db = await database.getClient();
  if (!database.migrations?.skip) {
    await db.migrate.latest({ directory: MIGRATIONS_DIR });
  }
  return db;
}
