/*
 * Limits that count open requests ("at most one open break-glass grant per
 * person", "one waiting baseline per namespace"), enforced by the database:
 * an open request holds one numbered slot of its limit's scope, and the
 * primary key lets two concurrent filings never hold the same slot. A slot
 * whose request is no longer open is taken over by the next filing.
 */

const OPEN_GRANT = ['pending', 'approved', 'post-review', 'applied'];
const WAITING = ['pending', 'approved'];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('change_request_limits', table => {
    table.comment('Slots of counted limits held by open change requests');
    table.string('scope', 320).notNullable().comment('what is counted');
    table.integer('slot').notNullable().comment('1..the limit');
    table
      .string('request_id', 64)
      .notNullable()
      .references('id')
      .inTable('change_requests')
      .onDelete('CASCADE');
    table.primary(['scope', 'slot']);
    table.index(['request_id'], 'change_request_limits_request_idx');
  });
  // Requests open before this migration hold their slots from now on.
  const now = new Date().toISOString();
  const slots = new Map();
  const hold = (scope, requestId) => {
    const slot = (slots.get(scope) ?? 0) + 1;
    slots.set(scope, slot);
    return { scope, slot, request_id: requestId };
  };
  const grants = await knex('change_requests')
    .whereNotNull('break_glass')
    .whereIn('state', OPEN_GRANT)
    .where(q => q.whereNull('expires_at').orWhere('expires_at', '>', now))
    .orderBy('requested_at')
    .select('id', 'requested_by');
  const baselines = await knex('change_requests')
    .where({ kind: 'namespace-baseline' })
    .whereIn('state', WAITING)
    .orderBy('requested_at')
    .select('id', 'title');
  const rows = grants.map(g => hold(`break-glass:${g.requested_by}`, g.id));
  for (const b of baselines) {
    const namespace = /^Namespace baseline: (.+)$/.exec(b.title)?.[1];
    if (!namespace) continue;
    const scope = `namespace-baseline:${namespace}`;
    if (!slots.has(scope)) rows.push(hold(scope, b.id));
  }
  if (rows.length) await knex('change_request_limits').insert(rows);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('change_request_limits');
};
