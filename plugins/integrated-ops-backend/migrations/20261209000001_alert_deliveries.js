/*
 * Alert deliveries not yet sent: one row per routed alert with what goes to
 * the people (a Backstage notification) and to the vendors (a copy for the
 * team's service), written before the webhook is answered and deleted once
 * sent. A replica that stops mid-storm leaves its rows; the next sweep of any
 * replica sends them once their claim has lapsed.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('alert_deliveries', table => {
    table.comment(
      'Routed alerts whose notification and vendor copies are still to send',
    );
    table.bigIncrements('id');
    table.string('fingerprint', 200).notNullable();
    table
      .text('job')
      .notNullable()
      .comment(
        'JSON: the notification and the vendor copy, as decided at routing',
      );
    table.string('created_at', 32).notNullable().comment('ISO instant');
    table
      .string('claimed_until', 32)
      .notNullable()
      .comment('ISO instant; a sweep takes the row after it');
    table.string('claimed_by', 64).nullable().comment('the claim that took it');
    table.index(['claimed_until'], 'alert_deliveries_claimed_idx');
    table.index(['claimed_by'], 'alert_deliveries_claim_idx');
    table.index(['fingerprint'], 'alert_deliveries_fingerprint_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('alert_deliveries');
};
