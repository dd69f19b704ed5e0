/*
 * Pages of the incident escalation team for a query that matched nothing in
 * the catalog: such a page has no discipline (null). Its open key is the
 * escalation team and the query, so two people paging for the same unknown
 * address end with one page, as for an entity.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pages', table => {
    table
      .string('discipline', 8)
      .nullable()
      .comment('netops, devops or secops; null for an escalation page')
      .alter();
  });
};

/**
 * Escalation pages cannot be told apart from others without a discipline:
 * they are dropped.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex('pages').whereNull('discipline').delete();
  await knex.schema.alterTable('pages', table => {
    table.string('discipline', 8).notNullable().alter();
  });
};
