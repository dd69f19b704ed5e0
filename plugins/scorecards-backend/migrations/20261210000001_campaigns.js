/*
 * Campaigns: each entity's level in the campaign's discipline, one row per
 * campaign, day (UTC) and entity - the last computation of the day wins -
 * so that the burn-down and the teams behind are counted over what each
 * caller may read. One row per campaign for its last computation.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('campaign_entity_days', table => {
    table.comment(
      'Per campaign, day and entity: the level reached in the campaign discipline',
    );
    table.string('campaign_id', 63).notNullable();
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.string('entity_ref', 255).notNullable().comment('lower-case');
    table.string('title', 255).notNullable();
    table
      .string('team_ref', 255)
      .nullable()
      .comment("owning team of the campaign's discipline");
    table.string('level', 8).notNullable();
    table.boolean('at_target').notNullable();
    table.primary(['campaign_id', 'day', 'entity_ref']);
  });
  await knex.schema.createTable('campaign_runs', table => {
    table.comment('When each campaign was last computed');
    table.string('campaign_id', 63).primary();
    table.string('checked_at', 32).notNullable().comment('ISO instant');
    table
      .boolean('truncated')
      .notNullable()
      .comment('the filter matched more entities than were checked');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('campaign_runs');
  await knex.schema.dropTable('campaign_entity_days');
};
