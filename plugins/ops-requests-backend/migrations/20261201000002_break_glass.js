/*
 * Break-glass access: the incident, the owning team the requester was on call
 * for, and when the owning teams' review is due. Nullable: every other
 * request has none. Adding a column does not rebuild the table on SQLite.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('change_requests', table => {
    table
      .text('break_glass')
      .nullable()
      .comment(
        'JSON: incident, durationMinutes, onCallFor, reviewDueAt, notify',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (String(knex.client.config.client).includes('sqlite')) {
    // As in 20261130000001: drop in place, never by rebuilding the table
    // (which would cascade-delete the audit and approval rows).
    await knex.raw('ALTER TABLE change_requests DROP COLUMN break_glass');
    return;
  }
  await knex.schema.alterTable('change_requests', table => {
    table.dropColumn('break_glass');
  });
};
