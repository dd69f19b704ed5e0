/*
 * The intent a request was filed with (what the requester asked for), kept
 * beside what the backend derived from it. Nullable: requests filed before
 * the backend derived everything have none. Adding a column does not rebuild
 * the table on SQLite, so the audit rows stay.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('change_requests', table => {
    table
      .text('intent')
      .nullable()
      .comment('JSON: the intent as the requester sent it, validated');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (String(knex.client.config.client).includes('sqlite')) {
    // knex drops a SQLite column by rebuilding the table, and dropping the
    // old table would cascade-delete the audit and approval rows. SQLite
    // (3.35+) drops a column in place.
    await knex.raw('ALTER TABLE change_requests DROP COLUMN intent');
    return;
  }
  await knex.schema.alterTable('change_requests', table => {
    table.dropColumn('intent');
  });
};
