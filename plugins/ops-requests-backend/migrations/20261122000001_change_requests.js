/*
 * Change requests from the self-service templates, and their append-only
 * audit trail. Times are ISO 8601 UTC strings: portable between SQLite and
 * PostgreSQL and ordered as text.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('change_requests', table => {
    table.comment('Self-service change requests awaiting or past approval');
    table.string('id', 64).primary();
    table.string('kind', 32).notNullable();
    table.string('title', 500).notNullable();
    table.text('description').notNullable();
    table.string('requested_by', 255).notNullable();
    table.string('requested_at', 32).notNullable();
    table.string('state', 16).notNullable();
    table.text('targets').notNullable().comment('JSON array of entity refs');
    table
      .text('change')
      .notNullable()
      .comment('JSON: where the change is and its files');
    table
      .text('policy')
      .notNullable()
      .comment('JSON: policy version and rule results');
    table
      .text('required_approvals')
      .notNullable()
      .comment('JSON array of disciplines');
    table
      .text('approvers')
      .notNullable()
      .comment('JSON: discipline -> group ref');
    table.string('expires_at', 32).nullable();
    table.string('decided_at', 32).nullable();
    table.string('applied_at', 32).nullable();
    table.string('revoked_at', 32).nullable();
    table
      .string('recertify_requested_at', 32)
      .nullable()
      .comment('When owners were last asked to re-certify the grant');
    table.integer('version').notNullable().defaultTo(0);
    table.index(['state', 'expires_at'], 'change_requests_state_expiry_idx');
    table.index(['requested_by'], 'change_requests_requested_by_idx');
  });
  await knex.schema.createTable('change_request_audit', table => {
    table.comment('Append-only: every transition of every change request');
    table.increments('id');
    table
      .string('request_id', 64)
      .notNullable()
      .references('id')
      .inTable('change_requests')
      .onDelete('CASCADE');
    table.string('at', 32).notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 32).notNullable();
    table.string('from_state', 16).nullable();
    table.string('to_state', 16).nullable();
    table.text('reason').nullable();
    table.index(['request_id'], 'change_request_audit_request_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('change_request_audit');
  await knex.schema.dropTable('change_requests');
};
