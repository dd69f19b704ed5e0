/*
 * Incidents: one row per alert fingerprint from its first firing to its
 * resolution, with the owning team the route chose at the time (so a later
 * hand-over does not move old incidents), who was notified, when someone
 * acknowledged it and when it resolved (also as seconds from the first
 * alert, so that the response figures read numbers). `open_fingerprint` is set while the
 * incident is open; its unique index keeps one open incident per
 * fingerprint, whichever replica receives the alert.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('alert_incidents', table => {
    table.comment('Alerts the portal routed, as incidents with response times');
    table.bigIncrements('id');
    table.string('fingerprint', 200).notNullable();
    table
      .string('open_fingerprint', 200)
      .nullable()
      .unique({ indexName: 'alert_incidents_open_uniq' })
      .comment('the fingerprint while the incident is open');
    table.string('opened_at', 32).notNullable().comment('ISO instant');
    table
      .bigInteger('opened_s')
      .notNullable()
      .comment('opened_at in seconds since the epoch (the figures read it)');
    table.string('last_alert_at', 32).notNullable();
    table.integer('alerts').notNullable().comment('firing notifications');
    table.string('alertname', 200).nullable();
    table
      .string('outcome', 16)
      .notNullable()
      .comment('routed, fallback or unroutable (no owner)');
    table.string('entity_ref', 255).nullable();
    table.string('discipline', 8).notNullable();
    table
      .string('team_ref', 255)
      .nullable()
      .comment('owning team the last routing chose');
    table
      .string('first_team_ref', 255)
      .nullable()
      .comment('team the first alert went to');
    table
      .string('first_discipline', 8)
      .notNullable()
      .comment('discipline the first alert was routed as');
    table
      .integer('reroutes')
      .notNullable()
      .comment('times another team was paged');
    table.text('notified').notNullable().comment('JSON: refs notified');
    table.string('acknowledged_at', 32).nullable();
    table.string('acknowledged_by', 255).nullable();
    table.integer('tta_s').nullable().comment('seconds to acknowledge');
    table.string('resolved_at', 32).nullable();
    table.integer('ttr_s').nullable().comment('seconds to resolve');
    table.index(['opened_s'], 'alert_incidents_opened_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('alert_incidents');
};
