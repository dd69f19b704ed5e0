import { EntityCoverage } from '@integrated-ops/plugin-integrated-ops-common';
import { gapsToChase } from './gapsToChase';

const entity = (
  name: string,
  owners: Partial<Record<'netops' | 'devops' | 'secops', string>>,
  gaps: EntityCoverage['gaps'],
): EntityCoverage => ({
  entityRef: `component:default/${name}`,
  kind: 'Component',
  title: name,
  owners: {
    netops: { discipline: 'netops', owner: owners.netops, source: 'declared' },
    devops: { discipline: 'devops', owner: owners.devops, source: 'declared' },
    secops: { discipline: 'secops', owner: owners.secops, source: 'declared' },
  },
  gaps,
  checks: 10,
  passed: 10 - gaps.length,
});

describe('gapsToChase', () => {
  it('groups gaps by discipline and the team to chase, most entities first, each entity once', () => {
    const groups = gapsToChase([
      entity(
        'bucket',
        { netops: 'group:default/fraud-ml', devops: 'group:default/fraud-ml' },
        [
          { kind: 'owner-fallback', discipline: 'netops', message: '…' },
          { kind: 'no-rotation', discipline: 'netops', message: '…' },
          { kind: 'owner-fallback', discipline: 'devops', message: '…' },
          { kind: 'owner-missing', discipline: 'secops', message: '…' },
          { kind: 'no-runbook', message: '…' },
        ],
      ),
      entity('scorer', { netops: 'group:default/fraud-ml' }, [
        { kind: 'owner-fallback', discipline: 'netops', message: '…' },
      ]),
      entity('edge', { netops: 'group:default/netops-edge' }, [
        { kind: 'team-unreachable', discipline: 'netops', message: '…' },
      ]),
    ]);

    expect(groups.map(g => [g.title, g.entities])).toEqual([
      ['NetOps', 3],
      ['DevOps', 1],
      ['SecOps', 1],
      ['Runbooks', 1],
    ]);
    expect(groups[0].teams).toEqual([
      {
        team: 'group:default/fraud-ml',
        items: [
          {
            entityRef: 'component:default/bucket',
            title: 'bucket',
            asks: [
              'only spec.owner: declare the ops owner',
              'no on-call rotation',
            ],
          },
          {
            entityRef: 'component:default/scorer',
            title: 'scorer',
            asks: ['only spec.owner: declare the ops owner'],
          },
        ],
      },
      {
        team: 'group:default/netops-edge',
        items: [
          {
            entityRef: 'component:default/edge',
            title: 'edge',
            asks: ['no chat, pager or phone link'],
          },
        ],
      },
    ]);
    // Nobody to chase for a missing owner; a missing runbook goes to a known owner.
    expect(groups[2].teams[0].team).toBeUndefined();
    expect(groups[3].teams[0].team).toBe('group:default/fraud-ml');
  });
});
