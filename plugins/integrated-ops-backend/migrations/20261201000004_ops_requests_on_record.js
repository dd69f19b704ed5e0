/*
 * What the ops-requests plugin reported on the events service, so that the
 * lookup answers from its own database and never calls that plugin (the
 * upper layer) at run time:
 *
 * - ops_requests_on_record / ops_request_targets: the change requests and
 *   the entities they named, for the history's "changes on record". One row
 *   per request id, overwritten by a state read later (`read_at`).
 * - recertification_status / recertification_reports: where each ownership
 *   declaration's re-certification stands, for the coverage report's drift;
 *   replaced whole by each complete report ops-requests publishes.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ops_requests_on_record', table => {
    table.comment('Change requests as ops-requests last reported them');
    table.string('id', 200).primary();
    table.string('kind', 100).notNullable();
    table.text('title').notNullable();
    table.string('state', 100).notNullable();
    table.string('requested_by', 512).notNullable();
    table.string('requested_at', 32).notNullable();
    table.text('approvals').notNullable().comment('JSON: role, by, at');
    table.string('applied_at', 32).nullable();
    table.string('revoked_at', 32).nullable();
    table
      .string('read_at', 32)
      .notNullable()
      .comment('when ops-requests read this state; an older one never wins');
  });
  await knex.schema.createTable('ops_request_targets', table => {
    table.comment('The entities each recorded change request named');
    table.string('target_ref', 512).notNullable();
    table.string('request_id', 200).notNullable();
    table.primary(['target_ref', 'request_id']);
    table.index(['request_id'], 'ops_request_targets_request_idx');
  });
  await knex.schema.createTable('recertification_status', table => {
    table.comment('Per ownership declaration, where re-certification stands');
    table.string('declared_on', 512).notNullable();
    table.string('discipline', 16).notNullable();
    table.string('team', 512).notNullable();
    table.integer('entities').notNullable();
    table.string('state', 32).notNullable();
    table.string('hand_over_to', 512).nullable();
    table.string('generated_at', 32).notNullable().comment('its report');
    table.primary(['declared_on', 'discipline']);
  });
  await knex.schema.createTable('recertification_reports', table => {
    table.comment('The newest complete re-certification report (one row)');
    table.string('id', 16).primary();
    table.string('generated_at', 32).notNullable();
    table.integer('period_days').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('recertification_reports');
  await knex.schema.dropTable('recertification_status');
  await knex.schema.dropTable('ops_request_targets');
  await knex.schema.dropTable('ops_requests_on_record');
};
