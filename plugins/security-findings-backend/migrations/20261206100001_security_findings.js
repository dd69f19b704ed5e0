/*
 * The findings of each (component, tool), one row per identity, and the
 * reports that were applied. Instants are ISO 8601 strings in UTC (they sort
 * as they compare, on SQLite and PostgreSQL alike).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('security_findings', table => {
    table.comment('One finding of one tool on one component, by identity');
    table.bigIncrements('id');
    table.string('entity_ref', 512).notNullable();
    table.string('tool', 64).notNullable().comment('as named when posted');
    table.string('fingerprint', 64).notNullable().comment('hex SHA-256');
    table.string('identity_basis', 32).notNullable();
    table.text('scanner').notNullable().comment('the tool as it names itself');
    table.text('rule_id').notNullable();
    table.string('category', 16).notNullable();
    table.string('severity', 16).notNullable();
    table.text('title').notNullable();
    table.text('message').notNullable();
    table.text('location').nullable().comment('JSON');
    table.text('vulnerability').nullable().comment('JSON');
    table.text('links').notNullable().comment('JSON array of http(s) links');
    table.string('discipline', 16).notNullable().comment('owning discipline');
    table.string('visible_to', 64).notNullable().comment('JSON array');
    table.string('owner_ref', 512).nullable();
    table.string('status', 16).notNullable().comment('open or fixed');
    table.string('first_seen', 32).notNullable();
    table.string('last_seen', 32).notNullable();
    table.string('fixed_at', 32).nullable();
    table.integer('reopen_count').notNullable().defaultTo(0);
    table.string('due_at', 32).nullable().comment('null: no SLA clock');
    table.unique(['entity_ref', 'tool', 'fingerprint'], {
      indexName: 'security_findings_identity_uq',
    });
    table.index(['entity_ref', 'status'], 'security_findings_entity_idx');
  });
  await knex.schema.createTable('security_reports', table => {
    table.comment('Reports applied, one row each');
    table.bigIncrements('id');
    table.string('entity_ref', 512).notNullable();
    table.string('tool', 64).notNullable();
    table.string('format', 16).notNullable();
    table.string('reported_by', 512).notNullable().comment('token subject');
    table.string('reported_at', 32).notNullable();
    table.integer('findings').notNullable();
    table.integer('opened').notNullable();
    table.integer('reopened').notNullable();
    table.integer('fixed').notNullable();
    table.integer('problems').notNullable();
    table.index(['entity_ref', 'tool'], 'security_reports_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('security_reports');
  await knex.schema.dropTable('security_findings');
};
