/*
 * Requests the change policy refused when they were filed (nothing else is
 * stored of them): for the governance KPI "refusals per policy rule", per
 * team and system. One row per refused filing, with the rules that failed.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('policy_refusals', table => {
    table.comment('Filings the change policy refused, with the failed rules');
    table.increments('id');
    table.string('at', 32).notNullable().index();
    table.string('requested_by', 255).notNullable();
    table.string('kind', 32).notNullable();
    table.text('targets').notNullable().comment('JSON array of entity refs');
    table
      .text('approvers')
      .notNullable()
      .comment('JSON: discipline -> group ref');
    table
      .text('rules')
      .notNullable()
      .comment('JSON array of failed rule names');
    table.string('policy_version', 128).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('policy_refusals');
};
