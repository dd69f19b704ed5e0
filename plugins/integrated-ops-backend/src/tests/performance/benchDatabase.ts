import { mockServices } from '@backstage/backend-test-utils';
import knex, { Knex } from 'knex';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** BENCH_DATABASE=postgresql://...: the bench backends run on that PostgreSQL server. */
export const onPostgres = () => Boolean(process.env.BENCH_DATABASE);

/**
 * The bench backends' database: with BENCH_DATABASE, one fresh PostgreSQL
 * database per plugin (name prefix unique to this run), dropped by drop();
 * without it, the test backend's SQLite in memory.
 */
export function benchDatabase() {
  const connection = process.env.BENCH_DATABASE;
  if (!connection) {
    return { features: [], config: {}, drop: async () => {} };
  }
  const prefix = `bench_${Date.now().toString(36)}_`;
  return {
    features: [mockServices.database.factory()],
    config: { backend: { database: { client: 'pg', connection, prefix } } },
    async drop() {
      const server = knex({ client: 'pg', connection });
      try {
        const { rows } = await server.raw(
          'SELECT datname FROM pg_database WHERE starts_with(datname, ?)',
          [prefix],
        );
        for (const { datname } of rows) {
          await server.raw('DROP DATABASE ?? WITH (FORCE)', [datname]);
        }
      } finally {
        await server.destroy();
      }
    },
  };
}

/**
 * Runs `bench` on a fresh SQLite file (as the embedded portal runs) and then
 * on a fresh database of the PostgreSQL server at `pg`, dropping both after.
 */
export async function onSqliteAndPostgres(
  name: string,
  pg: string,
  bench: (label: string, db: Knex) => Promise<void>,
) {
  const file = join(mkdtempSync(join(tmpdir(), `bench-${name}-`)), 'db.sqlite');
  const sqlite = knex({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  try {
    await bench('SQLite (file)', sqlite);
  } finally {
    await sqlite.destroy();
  }
  const database = `bench_${name}_${Date.now().toString(36)}`;
  const server = knex({ client: 'pg', connection: pg });
  await server.raw('CREATE DATABASE ??', [database]);
  const db = knex({ client: 'pg', connection: `${pg}/${database}` });
  try {
    await bench('PostgreSQL 15', db);
  } finally {
    await db.destroy();
    await server.raw('DROP DATABASE ?? WITH (FORCE)', [database]);
    await server.destroy();
  }
}
