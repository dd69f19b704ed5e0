import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { OnCallProvider } from '@integrated-ops/plugin-integrated-ops-node';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { ProviderOnCallCache } from '../onCall/ProviderOnCallCache';
import { make, owned, sources } from '../__testUtils__/testCatalog';
import { teamDrift } from './teamDrift';

const rotation = (members: string[], from?: object) => [
  {
    name: 'primary',
    members,
    start: '2026-01-05T09:00',
    period: 'P7D',
    timeZone: 'Europe/London',
    ...(from ? { from } : {}),
  },
];
const user = (name: string) =>
  make('User', name, { profile: { email: `${name}@bank.example` } });

/** A catalog with one case of each drift, and one team in good order. */
const catalog: Entity[] = [
  user('alice'),
  user('bob'),
  make(
    'Group',
    'netops-dc',
    {
      type: 'team',
      opsTeam: { lead: 'alice', onCall: rotation(['user:default/alice']) },
    },
    [['hasMember', 'user:default/alice']],
  ),
  // Its lead and one rotation member left the catalog.
  make(
    'Group',
    'sre-payments',
    {
      type: 'team',
      opsTeam: {
        lead: 'carol',
        onCall: rotation(['user:default/bob', 'user:default/dave']),
      },
    },
    [['hasMember', 'user:default/bob']],
  ),
  // Nobody in it, nobody leads it; its rotation is on PagerDuty.
  make('Group', 'soc-tier1', {
    type: 'team',
    opsTeam: {
      onCall: rotation(['user:default/bob'], {
        provider: 'pagerduty',
        schedule: 'PSOC1',
      }),
    },
  }),
  // A department with neither members nor rotation: not an ops team.
  make('Group', 'netops', { type: 'department' }),
  // soc-legacy was deleted, but scoring still names it.
  make(
    'Component',
    'scoring',
    { type: 'service' },
    owned('netops-dc', 'sre-payments', 'soc-legacy'),
    sources('declared', 'declared', 'declared'),
  ),
];

const pagerDuty: OnCallProvider = {
  id: 'pagerduty',
  title: 'PagerDuty',
  references: () => ({ schedules: [], escalationPolicies: [] }),
  shift: async schedule => ({
    schedule,
    name: 'SOC primary',
    timeZone: 'UTC',
    onCall: { name: 'Temp Contractor', email: 'temp@vendor.example' },
  }),
};

describe('teamDrift', () => {
  it('flags each case where ownership is no longer true, and nothing else', async () => {
    const index = OwnershipIndex.build(catalog);
    const providers = new ProviderOnCallCache({
      providers: [pagerDuty],
      logger: mockServices.logger.mock(),
      timeoutMs: 500,
    });
    await providers.refresh(index);
    const drift = teamDrift(index, {
      providers,
      removedAt: new Map([
        ['group:default/soc-legacy', '2026-02-20T09:00:00.000Z'],
      ]),
    });
    expect(drift.map(d => [d.team, d.kind, d.people])).toEqual([
      ['group:default/soc-legacy', 'owner-deleted', undefined],
      ['group:default/soc-tier1', 'no-members', undefined],
      ['group:default/soc-tier1', 'no-lead', undefined],
      [
        'group:default/soc-tier1',
        'vendor-person-unknown',
        ['pagerduty:temp@vendor.example'],
      ],
      ['group:default/sre-payments', 'no-lead', ['user:default/carol']],
      [
        'group:default/sre-payments',
        'rotation-member-gone',
        ['user:default/dave'],
      ],
    ]);
    expect(drift[0]).toMatchObject({
      entities: ['component:default/scoring'],
      entityCount: 1,
      removedAt: '2026-02-20T09:00:00.000Z',
      message:
        'group:default/soc-legacy is not in the catalog since 2026-02-20T09:00:00.000Z, yet 1 entity names it as owner',
    });
  });

  it('says nothing of a vendor person who is a catalog user', async () => {
    const index = OwnershipIndex.build(catalog);
    const providers = new ProviderOnCallCache({
      providers: [
        {
          ...pagerDuty,
          shift: async schedule => ({
            schedule,
            name: 'SOC primary',
            timeZone: 'UTC',
            onCall: { name: 'Bob', email: 'BOB@bank.example' },
          }),
        },
      ],
      logger: mockServices.logger.mock(),
      timeoutMs: 500,
    });
    await providers.refresh(index);
    expect(
      teamDrift(index, { providers }).filter(
        d => d.kind === 'vendor-person-unknown',
      ),
    ).toEqual([]);
  });
});
