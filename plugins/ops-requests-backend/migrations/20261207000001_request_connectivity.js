/*
 * What a change does to the network, computed by the backend at filing from
 * the infrastructure repository's NetworkPolicies (JSON: connections added,
 * removed and changed, and the rules that already allowed the flow). Empty
 * for requests filed before it, and for changes where main cannot be read.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('change_requests', table => {
    table.text('connectivity').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (String(knex.client.config.client).includes('sqlite')) {
    // As in 20261130000001: never rebuild the table on SQLite.
    await knex.raw('ALTER TABLE change_requests DROP COLUMN connectivity');
    return;
  }
  await knex.schema.alterTable('change_requests', table => {
    table.dropColumn('connectivity');
  });
};
