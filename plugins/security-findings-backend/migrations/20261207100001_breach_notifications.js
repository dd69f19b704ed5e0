/*
 * Breach notifications, once per breach: when the owning team was told a
 * finding is past its due date, and when the SOC tier was. Both are cleared
 * when the finding is fixed, so a finding that comes back and breaches again
 * is a new breach.
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
    table.index(['status', 'due_at'], 'security_findings_due_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('security_findings', table => {
    table.dropIndex(['status', 'due_at'], 'security_findings_due_idx');
    table.dropColumn('escalated_at');
    table.dropColumn('breach_notified_at');
  });
};
