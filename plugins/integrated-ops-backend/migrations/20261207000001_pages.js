/*
 * Pages people sent from a lookup answer, and how many each person sent per
 * UTC hour:
 *
 * - pages: one row per page, with what the backend decided (the team, the
 *   route, who was notified) and whether someone acknowledged it.
 *   `open_key` (entity|discipline) is set while the page is the open one of
 *   its entity and discipline; the unique index makes two people paging at
 *   once end with one page, whichever replica they reach.
 * - paging_quota: pages per person per UTC hour, counted by a conditional
 *   UPDATE so that the limit holds under concurrent requests.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('pages', table => {
    table.comment('Pages sent from lookup answers');
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('entity_title', 255).notNullable();
    table.string('discipline', 8).notNullable();
    table.string('team_ref', 255).notNullable();
    table.string('team_title', 255).notNullable();
    table.string('query', 512).notNullable();
    table.string('note', 500).nullable();
    table.string('paged_by', 255).notNullable();
    table.string('paged_at', 32).notNullable().comment('ISO instant');
    table
      .string('route', 16)
      .notNullable()
      .comment('pagerduty or notification');
    table
      .string('vendor_key', 255)
      .nullable()
      .comment('dedup key at the vendor');
    table.text('delivery').notNullable().comment('what was done, in words');
    table.text('notified').notNullable().comment('JSON: refs notified');
    table
      .string('state', 16)
      .notNullable()
      .comment('sending, triggered, acknowledged, resolved or failed');
    table
      .string('acknowledged_by', 255)
      .nullable()
      .comment('catalog user who acknowledged');
    table
      .string('acknowledged_by_name', 255)
      .nullable()
      .comment('as the vendor names them, when no catalog user matches');
    table.string('acknowledged_at', 32).nullable();
    table.string('checked_at', 32).nullable().comment('vendor state read at');
    table
      .string('open_key', 300)
      .nullable()
      .unique({ indexName: 'pages_open_key_uniq' })
      .comment('entity|discipline while this is the open page of both');
    table.index(['paged_by', 'paged_at'], 'pages_paged_by_idx');
  });
  await knex.schema.createTable('paging_quota', table => {
    table.comment('Pages per person per UTC hour');
    table.string('user_ref', 255).notNullable();
    table.string('hour', 13).notNullable().comment('UTC, YYYY-MM-DDTHH');
    table.integer('count').notNullable();
    table.primary(['user_ref', 'hour']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('paging_quota');
  await knex.schema.dropTable('pages');
};
