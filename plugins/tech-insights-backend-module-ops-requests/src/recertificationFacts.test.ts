import { Entity } from '@backstage/catalog-model';
import type { RecertificationReport } from '@integrated-ops/plugin-ops-requests-common';
import { recertificationFacts } from './recertificationFacts';

/** An entity as the catalog module leaves it: typed relations and where each came from. */
const owned = (
  kind: string,
  name: string,
  owners: Partial<Record<'netops' | 'devops' | 'secops', [string, string]>>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    namespace: 'default',
    annotations: Object.fromEntries(
      Object.entries(owners).map(([d, [, source]]) => [
        `integrated-ops.io/${d}-owner-source`,
        source,
      ]),
    ),
  },
  spec: { type: 'service', owner: 'group:default/payments-team' },
  relations: Object.entries(owners).map(([d, [team]]) => ({
    type: `${d}OwnedBy`,
    targetRef: `group:default/${team}`,
  })),
});

const status = (
  declaredOn: string,
  discipline: 'netops' | 'devops' | 'secops',
  state: RecertificationReport['items'][number]['state'],
) => ({ declaredOn, discipline, team: 'group:default/x', entities: 1, state });

const report: RecertificationReport = {
  periodDays: 180,
  items: [
    status('system:default/edge', 'netops', 'confirmed'),
    status('system:default/edge', 'devops', 'pending'),
    status('component:default/gateway', 'devops', 'handover-accepted'),
    status('component:default/gateway', 'secops', 'due'),
  ],
};

describe('recertificationFacts', () => {
  const at = new Date('2026-12-07T06:00:00Z');
  const [gateway, web] = recertificationFacts(
    [
      // declares DevOps and SecOps itself, inherits NetOps from Edge
      owned('Component', 'Gateway', {
        netops: ['netops-edge', 'inherited:system:default/edge'],
        devops: ['sre', 'declared'],
        secops: ['soc-t1', 'declared'],
      }),
      // inherits NetOps and DevOps from Edge; SecOps only by spec.owner
      owned('Component', 'web', {
        netops: ['netops-edge', 'inherited:system:default/edge'],
        devops: ['sre', 'inherited:system:default/edge'],
      }),
    ],
    report,
    at,
  );

  it("gives each discipline the state of the declaration the entity owns through, its own or its System's", () => {
    expect(gateway).toEqual({
      entity: { kind: 'component', namespace: 'default', name: 'gateway' },
      facts: {
        netopsRecertification: 'confirmed',
        devopsRecertification: 'handover-accepted',
        secopsRecertification: 'due',
        retrievedAt: at.toISOString(),
      },
    });
    expect(web.facts).toMatchObject({
      netopsRecertification: 'confirmed',
      devopsRecertification: 'pending',
    });
  });

  it('says none where no typed owner is declared, due where the report has not caught up with a declaration', () => {
    expect(web.facts.secopsRecertification).toBe('none');
    const [fresh] = recertificationFacts(
      [owned('Resource', 'new-db', { netops: ['netops-dc', 'declared'] })],
      report,
      at,
    );
    expect(fresh.facts.netopsRecertification).toBe('due');
  });
});
