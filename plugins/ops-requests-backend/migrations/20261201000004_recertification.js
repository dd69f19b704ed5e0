/*
 * Ownership re-certification requests: the declaration they are about, the
 * team asked, and a hand-over's other team. Nullable: every other request
 * has none. Adding a column does not rebuild the table on SQLite.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('change_requests', table => {
    table
      .text('recertification')
      .nullable()
      .comment(
        'JSON: declaredOn, discipline, team, entities, handOverFrom, handedOverTo',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (String(knex.client.config.client).includes('sqlite')) {
    await knex.raw('ALTER TABLE change_requests DROP COLUMN recertification');
    return;
  }
  await knex.schema.alterTable('change_requests', table => {
    table.dropColumn('recertification');
  });
};
