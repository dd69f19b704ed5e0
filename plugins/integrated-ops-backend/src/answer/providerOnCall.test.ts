import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  OnCallProvider,
  ProviderShift,
} from '@integrated-ops/plugin-integrated-ops-node';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { ProviderOnCallCache } from '../onCall/ProviderOnCallCache';
import { testCatalog } from '../__testUtils__/testCatalog';
import { buildOwnershipAnswer } from './buildOwnershipAnswer';

const at = new Date('2026-01-07T12:00:00Z');

/**
 * A provider of our own interface whose answers the test decides (the HTTP
 * clients behind the real ones are tested against vendor-shaped servers in
 * their modules).
 */
class ScriptedProvider implements OnCallProvider {
  readonly id = 'pagerduty';
  readonly title = 'PagerDuty';
  answer: () => Promise<ProviderShift> = async () => ({
    schedule: 'PSCHED1',
    name: 'Edge primary (PagerDuty)',
    timeZone: 'Europe/Warsaw',
    onCall: { name: 'A. Silva', email: 'ANA@bank.example' },
    from: '2026-01-07T08:00:00.000Z',
    until: '2026-01-08T08:00:00.000Z',
    next: { name: 'Outside Contractor', email: 'oc@vendor.example' },
  });
  references(team: Entity) {
    return {
      schedules: team.metadata.annotations?.['pagerduty.com/schedule-id']
        ? [team.metadata.annotations['pagerduty.com/schedule-id']]
        : [],
      escalationPolicies: team.metadata.annotations?.[
        'pagerduty.com/escalation-policy-id'
      ]
        ? [team.metadata.annotations['pagerduty.com/escalation-policy-id']]
        : [],
    };
  }
  shift() {
    return this.answer();
  }
  async escalationPolicy(id: string) {
    return {
      id,
      name: 'Edge escalation',
      levels: [
        {
          level: 1,
          delayMinutes: 10,
          onCall: [{ name: 'Ana', email: 'ana@bank.example' }],
        },
        {
          level: 2,
          delayMinutes: 20,
          onCall: [{ name: 'Marta K', email: 'marta@x' }],
        },
      ],
    };
  }
}

/** The test catalog with netops-edge's rotation moved to PagerDuty, and soc-t1 on a PagerDuty schedule only. */
function catalogWithVendorSchedules(
  rotationFrom = { provider: 'pagerduty', schedule: 'PSCHED1' },
): Entity[] {
  return testCatalog.map((e): Entity => {
    if (e.metadata.name === 'netops-edge') {
      const opsTeam = e.spec!.opsTeam as any;
      return {
        ...e,
        metadata: {
          ...e.metadata,
          annotations: { 'pagerduty.com/escalation-policy-id': 'PPOL1' },
        },
        spec: {
          ...e.spec,
          opsTeam: {
            ...opsTeam,
            onCall: [{ ...opsTeam.onCall[0], from: rotationFrom }],
          },
        },
      };
    }
    if (e.metadata.name === 'soc-t1') {
      return {
        ...e,
        metadata: {
          ...e.metadata,
          annotations: { 'pagerduty.com/schedule-id': 'PSOC1' },
        },
        spec: { ...e.spec, opsTeam: { discipline: 'secops', socTier: 1 } },
      };
    }
    return e;
  });
}

async function setup(
  provider = new ScriptedProvider(),
  catalog = catalogWithVendorSchedules(),
) {
  let now = new Date('2026-01-07T11:59:00Z');
  const cache = new ProviderOnCallCache({
    providers: [provider],
    logger: mockServices.logger.mock(),
    timeoutMs: 200,
    now: () => now,
  });
  const index = OwnershipIndex.build(catalog);
  const answer = () =>
    buildOwnershipAnswer(index, 'component:default/gateway', at, {
      providers: cache,
    });
  return {
    cache,
    index,
    provider,
    answer,
    refresh: async (t: string) => {
      now = new Date(t);
      await cache.refresh(index);
    },
  };
}

describe('on-call from providers in answers', () => {
  it('answers from the vendor, says so and how old it is, and matches people to catalog users by email', async () => {
    const { answer, refresh } = await setup();
    await refresh('2026-01-07T11:59:00Z');
    const [shift] = answer().owners.netops.onCall;
    expect(shift).toMatchObject({
      rotation: 'primary',
      source: 'pagerduty',
      fetchedAt: '2026-01-07T11:59:00.000Z',
      ageSeconds: 60,
      until: '2026-01-08T08:00:00.000Z',
      timeZone: 'Europe/Warsaw',
    });
    // The catalog user (with her phone), not the vendor's spelling of her name.
    expect(shift.person).toMatchObject({
      ref: 'user:default/ana',
      name: 'Ana Silva',
      contacts: [{ type: 'phone' }],
    });
    // Someone the catalog does not know is still named, and marked as the vendor's.
    expect(shift.next).toMatchObject({
      ref: 'pagerduty:oc@vendor.example',
      name: 'Outside Contractor',
    });
    expect(shift.unavailable).toBeUndefined();
  });

  it('falls back to the YAML rotation when the vendor fails, saying since when; a schedule without YAML names nobody', async () => {
    const { answer, refresh, provider } = await setup();
    await refresh('2026-01-07T11:00:00Z');
    provider.answer = () =>
      Promise.reject(new Error('PagerDuty answered HTTP 500'));
    await refresh('2026-01-07T11:30:00Z');
    await refresh('2026-01-07T11:59:00Z');
    const { netops, secops } = answer().owners;
    expect(netops.onCall[0]).toMatchObject({
      source: 'yaml',
      person: { ref: 'user:default/ana' },
      unavailable: {
        provider: 'pagerduty',
        since: '2026-01-07T11:30:00.000Z',
        message: 'schedule PSCHED1: PagerDuty answered HTTP 500',
      },
    });
    expect(secops.onCall).toEqual([
      {
        rotation: 'Edge primary (PagerDuty)',
        timeZone: 'Europe/Warsaw',
        source: 'pagerduty',
        unavailable: expect.objectContaining({
          since: '2026-01-07T11:30:00.000Z',
        }),
      },
    ]);
    // Nobody to page: the answer says whom to escalate to.
    expect(secops.noOwner?.reason).toBeDefined();
  });

  it('counts a vendor that hangs as unavailable after the timeout, off the request path', async () => {
    const { answer, refresh, provider } = await setup();
    provider.answer = () => new Promise(() => {});
    await refresh('2026-01-07T11:59:00Z');
    expect(answer().owners.netops.onCall[0].unavailable?.message).toBe(
      'schedule PSCHED1: PagerDuty timed out after 200 ms',
    );
  });

  it('names a provider that is not installed', async () => {
    const { answer, refresh } = await setup(
      new ScriptedProvider(),
      catalogWithVendorSchedules({ provider: 'opsgenie', schedule: 'x' }),
    );
    await refresh('2026-01-07T11:59:00Z');
    expect(answer().owners.netops.onCall[0]).toMatchObject({
      source: 'yaml',
      unavailable: { message: 'no on-call provider "opsgenie" is installed' },
    });
  });

  it('does not stand a vendor answer in for another moment (an as-of question)', async () => {
    const { cache, index, refresh } = await setup();
    await refresh('2026-01-07T11:59:00Z');
    const lastWeek = buildOwnershipAnswer(
      index,
      'component:default/gateway',
      new Date('2025-12-31T12:00:00Z'),
      { providers: cache },
    );
    expect(lastWeek.owners.netops.onCall[0].source).toBe('yaml');
  });

  it("puts the vendor escalation policy's levels in the escalation path", async () => {
    const { answer, refresh } = await setup();
    await refresh('2026-01-07T11:59:00Z');
    const [first] = answer().owners.netops.escalation;
    expect(first.policies).toEqual([
      expect.objectContaining({
        provider: 'pagerduty',
        name: 'Edge escalation',
        levels: [
          {
            level: 1,
            delayMinutes: 10,
            onCall: [expect.objectContaining({ ref: 'user:default/ana' })],
          },
          {
            level: 2,
            delayMinutes: 20,
            onCall: [expect.objectContaining({ ref: 'pagerduty:marta@x' })],
          },
        ],
      }),
    ]);
  });
});
