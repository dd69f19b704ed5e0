import { mockServices } from '@backstage/backend-test-utils';
import knex from 'knex';

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
