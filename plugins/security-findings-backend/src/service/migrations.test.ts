import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS_DIR } from './FindingStore';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const finding = {
  entity_ref: 'component:default/payments-api',
  tool: 'trivy',
  fingerprint: 'a'.repeat(64),
  identity_basis: 'vulnerability',
  scanner: 'trivy',
  rule_id: 'CVE-2019-1549',
  category: 'image',
  severity: 'medium',
  title: 't',
  message: 'm',
  links: '[]',
  discipline: 'devops',
  visible_to: '["devops"]',
  status: 'open',
  first_seen: '2026-12-01T10:00:00.000Z',
  last_seen: '2026-12-01T10:00:00.000Z',
  due_at: '2027-01-15T10:00:00.000Z',
};

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('apply step by step, keep one row per identity, and roll back', async () => {
    const knex = await databases.init(databaseId);
    const [pending] = (await knex.migrate.list({ directory: MIGRATIONS_DIR }))
      .slice(1)
      .map((list: { file: string }[]) => list.map(m => m.file));
    expect(pending).toEqual([
      '20261206100001_security_findings.js',
      '20261207100001_breach_notifications.js',
      '20261207100002_unrouted_reports.js',
    ]);

    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: pending[0] });
    await knex('security_findings').insert(finding);
    // The same identity of the same tool on the same component: refused.
    await expect(knex('security_findings').insert(finding)).rejects.toThrow();
    // Another tool may report the same fingerprint.
    await knex('security_findings').insert({ ...finding, tool: 'grype' });
    expect(
      await knex('security_findings')
        .select('tool', 'reopen_count', 'owner_ref', 'fixed_at')
        .orderBy('tool'),
    ).toEqual([
      { tool: 'grype', reopen_count: 0, owner_ref: null, fixed_at: null },
      { tool: 'trivy', reopen_count: 0, owner_ref: null, fixed_at: null },
    ]);
    await knex('security_reports').insert({
      entity_ref: finding.entity_ref,
      tool: 'trivy',
      format: 'sarif',
      reported_by: 'ci-scanner',
      reported_at: finding.first_seen,
      findings: 1,
      opened: 1,
      reopened: 0,
      fixed: 0,
      problems: 0,
    });

    // Breach notifications: the rows on file start untold, and keep their data.
    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: pending[1] });
    expect(
      await knex('security_findings')
        .select(
          'tool',
          'breach_notified_at',
          'escalated_at',
          'received_at',
          'accepted_request',
        )
        .orderBy('tool'),
    ).toEqual([
      {
        tool: 'grype',
        breach_notified_at: null,
        escalated_at: null,
        received_at: finding.first_seen,
        accepted_request: null,
      },
      {
        tool: 'trivy',
        breach_notified_at: null,
        escalated_at: null,
        received_at: finding.first_seen,
        accepted_request: null,
      },
    ]);
    // Unrouted reports: one row per label, tool and reporter.
    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: pending[2] });
    const unrouted = {
      label: 'paymnets-api',
      tool: 'trivy',
      reported_by: 'ci-scanner',
      first_at: finding.first_seen,
      last_at: finding.first_seen,
    };
    await knex('security_unrouted_reports').insert(unrouted);
    await expect(
      knex('security_unrouted_reports').insert(unrouted),
    ).rejects.toThrow();
    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasTable('security_unrouted_reports')).toBe(false);

    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(
      await knex.schema.hasColumn('security_findings', 'escalated_at'),
    ).toBe(false);
    expect(await knex('security_findings').count({ n: '*' })).toEqual([
      { n: expect.anything() },
    ]);

    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasTable('security_findings')).toBe(false);
    expect(await knex.schema.hasTable('security_reports')).toBe(false);
    await knex.migrate.latest({ directory: MIGRATIONS_DIR });
    expect(await knex('security_findings').count({ n: '*' })).toEqual([
      { n: expect.anything() },
    ]);
  });
});
