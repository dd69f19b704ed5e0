/*
 * One approval per request and discipline: the primary key makes a second
 * approval of the same discipline fail, whichever replica tries. (A new
 * table rather than columns on change_requests: on SQLite, dropping a column
 * rebuilds the table, and the rebuild would cascade-delete its audit rows.)
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('change_request_approvals', table => {
    table
      .string('request_id', 64)
      .notNullable()
      .references('id')
      .inTable('change_requests')
      .onDelete('CASCADE');
    table.string('discipline', 16).notNullable();
    table.string('decided_by', 255).notNullable();
    table.string('decided_at', 32).notNullable();
    table.text('comment').nullable();
    table.primary(['request_id', 'discipline']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('change_request_approvals');
};
