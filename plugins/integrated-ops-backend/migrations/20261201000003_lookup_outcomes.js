/*
 * How many lookups found nothing, or found an entity with a discipline
 * nobody owns, per UTC day: the governance KPI "lookups that found no
 * owner". Each replica counts in memory and adds its counts here every
 * minute (an upsert that increments), so replicas never overwrite each other.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('lookup_outcomes', table => {
    table.string('day', 10).notNullable().comment('UTC, YYYY-MM-DD');
    table.string('outcome', 16).notNullable().comment('no-match or no-owner');
    table.integer('count').notNullable();
    table.primary(['day', 'outcome']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('lookup_outcomes');
};
