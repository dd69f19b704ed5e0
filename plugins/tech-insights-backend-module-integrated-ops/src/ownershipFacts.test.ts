import { Entity } from '@backstage/catalog-model';
import { ownershipFacts } from './ownershipFacts';

const team = (
  name: string,
  members: string[][],
  links: object[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, links: links as any },
  spec: {
    type: 'team',
    children: [],
    opsTeam: {
      discipline: 'devops',
      onCall: members.map((m, i) => ({
        name: `rotation-${i}`,
        members: m.map(u => `user:default/${u}`),
        start: '2026-01-05T08:00',
        period: 'P7D',
        timeZone: 'UTC',
      })),
    },
  },
});

/** A component whose typed owners the catalog module recorded as given. */
const component = (
  owners: Partial<Record<'netops' | 'devops' | 'secops', [string, string]>>,
  links: object[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'scoring',
    namespace: 'default',
    links: links as any,
    annotations: Object.fromEntries(
      Object.entries(owners).map(([d, [, source]]) => [
        `integrated-ops.io/${d}-owner-source`,
        source,
      ]),
    ),
  },
  spec: { owner: 'group:default/fraud-ml-team' },
  relations: Object.entries(owners).map(([d, [ref]]) => ({
    type: `${d}OwnedBy`,
    targetRef: ref,
  })),
});

const facts = (entity: Entity, groups: Entity[] = []) =>
  ownershipFacts([entity], groups)[0];

describe('ownershipFacts', () => {
  it("says where each discipline's owner comes from", () => {
    const f = facts(
      component({
        netops: ['group:default/netops-dc', 'declared'],
        devops: [
          'group:default/sre-payments',
          'inherited:system:default/fraud-detection',
        ],
      }),
    );
    expect(f.entity).toEqual({
      kind: 'component',
      namespace: 'default',
      name: 'scoring',
    });
    expect([
      f.facts.netopsOwner,
      f.facts.devopsOwner,
      f.facts.secopsOwner,
    ]).toEqual(['declared', 'inherited', 'fallback']);
  });

  it('counts the distinct people on the owning team rotations', () => {
    const owned = component({
      devops: ['group:default/sre-payments', 'declared'],
    });
    expect(
      facts(owned, [
        team('sre-payments', [['raj.patel', 'hannah.cohen'], ['raj.patel']]),
      ]).facts.devopsOnCall,
    ).toBe(2);
    expect(
      facts(owned, [team('sre-payments', [['raj.patel']])]).facts.devopsOnCall,
    ).toBe(1);
    expect(facts(owned).facts.devopsOnCall).toBe(0);
  });

  it('finds a runbook on the entity or on its DevOps team, and only there', () => {
    const runbook = [
      { url: 'https://runbooks.bank.example/scoring', type: 'runbook' },
    ];
    const owned = (links: object[] = []) =>
      component({ devops: ['group:default/sre-payments', 'declared'] }, links);
    expect(facts(owned(runbook)).facts.runbook).toBe(true);
    expect(
      facts(owned(), [team('sre-payments', [], runbook)]).facts.runbook,
    ).toBe(true);
    expect(facts(owned(), [team('sre-payments', [])]).facts.runbook).toBe(
      false,
    );
    expect(
      facts(owned([{ url: 'https://chat.bank.example/x', type: 'chat' }])).facts
        .runbook,
    ).toBe(false);
  });
});
