// Drops the databases a previous end-to-end run left behind, so the
// PostgreSQL backend starts from empty. Only touches the given prefix.
import pg from 'pg';

const prefix = process.argv[2];
if (!prefix || !/^[a-z0-9_]+_$/.test(prefix)) {
  throw new Error(`refusing to reset databases with prefix "${prefix}"`);
}
const client = new pg.Client({ database: 'postgres' });
await client.connect();
const { rows } = await client.query(
  'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
  [prefix],
);
for (const { datname } of rows) {
  await client.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
}
await client.end();
console.log(
  `reset-postgres: dropped ${rows.length} database(s) with prefix ${prefix}`,
);
