/*
 * Breach notifications, once per breach: when the owning team was told a
 * finding is past its due date, and when the SOC tier was. Both are cleared
 * when the finding is fixed, so a finding that comes back and breaches again
 * is a new breach. And when the portal first received each finding (first
 * seen may be earlier, as the scanner says): a finding without an owner waits
 * one breach check from then, for the catalog to inherit its owners. And a
 * risk accepted through an applied risk-acceptance change request: until
 * when, by which request, since when (the SLA clock stands still meanwhile).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('security_findings', table => {
    table
      .string('breach_notified_at', 32)
      .nullable()
      .comment('when the owning team was told of the breach');
    table
      .string('escalated_at', 32)
      .nullable()
      .comment('when the breach was escalated to the SOC tier');
    table
      .string('received_at', 32)
      .nullable()
      .comment('when the portal first received it');
    table.string('accepted_until', 32).nullable();
    table
      .string('accepted_request', 64)
      .nullable()
      .comment('the risk-acceptance change request');
    table.string('accepted_at', 32).nullable();
    table
      .bigInteger('paused_ms')
      .notNullable()
      .defaultTo(0)
      .comment('time the SLA clock stood still under ended acceptances');
    table.index(['status', 'due_at'], 'security_findings_due_idx');
    // The breach check: open, not told (or not escalated) yet, by due date.
    table.index(
      ['status', 'breach_notified_at', 'due_at'],
      'security_findings_untold_idx',
    );
    table.index(
      ['status', 'escalated_at', 'due_at'],
      'security_findings_unescalated_idx',
    );
    // A component's card: its open findings by due date.
    table.index(
      ['entity_ref', 'status', 'due_at'],
      'security_findings_entity_due_idx',
    );
  });
  await knex('security_findings').update({
    received_at: knex.ref('first_seen'),
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('security_findings', table => {
    table.dropIndex(
      ['entity_ref', 'status', 'due_at'],
      'security_findings_entity_due_idx',
    );
    table.dropIndex(
      ['status', 'escalated_at', 'due_at'],
      'security_findings_unescalated_idx',
    );
    table.dropIndex(
      ['status', 'breach_notified_at', 'due_at'],
      'security_findings_untold_idx',
    );
    table.dropIndex(['status', 'due_at'], 'security_findings_due_idx');
    table.dropColumn('paused_ms');
    table.dropColumn('accepted_at');
    table.dropColumn('accepted_request');
    table.dropColumn('accepted_until');
    table.dropColumn('received_at');
    table.dropColumn('escalated_at');
    table.dropColumn('breach_notified_at');
  });
};
