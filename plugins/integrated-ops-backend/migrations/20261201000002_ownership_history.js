/*
 * Ownership over time: one row per change of an entity's typed owners
 * (declared, inherited or fallback) or of a team (members, lead, rotations,
 * contacts), with the time the portal saw it. `seq` counts the changes of one
 * entity: two replicas recording the same change both try the same
 * (ref, seq), and the primary key keeps one. `snapshot` is null when the
 * entity left the catalog.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ownership_history', table => {
    table.comment('Typed owners and teams as they were, one row per change');
    table.string('ref', 512).notNullable();
    table.integer('seq').notNullable();
    table.string('kind', 16).notNullable().comment('owners or team');
    table.string('recorded_at', 32).notNullable();
    table.string('fingerprint', 64).notNullable();
    table.text('snapshot').nullable().comment('JSON; null: removed');
    table.primary(['ref', 'seq']);
    table.index(['kind', 'recorded_at'], 'ownership_history_kind_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ownership_history');
};
