/*
 * Reports whose component the catalog did not have (404 to the scanner):
 * one row per label, tool and reporter, counted, for SecOps to route. And
 * the risk-acceptance requests whose acceptance ended: announced again (a
 * snapshot at ops-requests' start), they accept nothing any more.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('security_unrouted_reports', table => {
    table.comment('Reports refused because their component is unknown');
    table.bigIncrements('id');
    table.string('label', 512).notNullable().comment('the entity as named');
    table.string('tool', 64).notNullable();
    table.string('reported_by', 512).notNullable();
    table.string('first_at', 32).notNullable();
    table.string('last_at', 32).notNullable();
    table.integer('count').notNullable().defaultTo(1);
    table.unique(['label', 'tool', 'reported_by'], {
      indexName: 'security_unrouted_reports_uq',
    });
  });
  await knex.schema.createTable('security_ended_acceptances', table => {
    table.comment('Risk-acceptance requests whose acceptance ended');
    table.string('request', 64).primary();
    table.string('ended_at', 32).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('security_ended_acceptances');
  await knex.schema.dropTable('security_unrouted_reports');
};
