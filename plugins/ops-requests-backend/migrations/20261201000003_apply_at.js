/*
 * A planned apply time: an approved request with one is applied by the
 * scheduler when it comes, and the column is cleared by the one replica that
 * claims it (a conditional update), so it is applied exactly once.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('change_requests', table => {
    table.string('apply_at', 32).nullable().index();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('change_requests', table => {
    table.dropIndex(['apply_at']);
  });
  if (String(knex.client.config.client).includes('sqlite')) {
    // As in 20261130000001: never rebuild the table on SQLite.
    await knex.raw('ALTER TABLE change_requests DROP COLUMN apply_at');
    return;
  }
  await knex.schema.alterTable('change_requests', table => {
    table.dropColumn('apply_at');
  });
};
