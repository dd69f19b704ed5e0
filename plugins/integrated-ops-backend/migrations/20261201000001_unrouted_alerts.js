/*
 * Alerts the alert route found no entity or no owner for, for the coverage
 * page's "alerts without an owner (last 24 h)". One row per alert received;
 * rows older than the retention are deleted by the plugin.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('unrouted_alerts', table => {
    table.bigIncrements('id');
    table.string('received_at', 32).notNullable().index();
    table.string('fingerprint', 200).notNullable();
    table.text('labels').notNullable();
    table.text('reason').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('unrouted_alerts');
};
