import { ConfigReader } from '@backstage/config';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { testCatalog } from '../__testUtils__/testCatalog';
import { readAlerts } from './alertPayload';
import { readAlertsConfig } from './alertsConfig';
import { routeAlert } from './routeAlert';

const index = OwnershipIndex.build(testCatalog);
const at = new Date('2026-01-07T12:00:00Z');
const config = readAlertsConfig(
  new ConfigReader({ integratedOps: { alerts: { fallbackTeam: 'netops' } } }),
);
const route = (labels: Record<string, string>, c = config) =>
  routeAlert(index, readAlerts({ labels })[0], c, at, {});

describe('routeAlert', () => {
  it("routes instance IP:port with category=security to the SecOps owner's on-call", () => {
    const { result, recipients } = route({
      instance: '10.20.1.10:8443',
      category: 'security',
    });
    expect(result).toMatchObject({
      outcome: 'routed',
      entity: 'component:default/gateway',
      matchedLabel: {
        label: 'instance',
        value: '10.20.1.10:8443',
        reason: 'address',
      },
      discipline: 'secops',
      team: 'group:default/soc-t1',
      onCall: ['user:default/lucas'],
    });
    expect(recipients).toEqual(['user:default/lucas', 'group:default/soc-t1']);
  });

  it('routes category=network to NetOps and anything else to DevOps by default', () => {
    expect(
      route({ instance: '10.20.1.10:8443', category: 'network' }).result.team,
    ).toBe('group:default/netops-edge');
    expect(route({ hostname: 'api.pay.example.' }).result).toMatchObject({
      discipline: 'devops',
      team: 'group:default/sre',
    });
  });

  it('prefers an explicit backstage_entity label, and finds a pod by its workload name', () => {
    expect(
      route({
        backstage_entity: 'component:default/scoring',
        instance: '10.20.1.10:8443',
      }).result.entity,
    ).toBe('component:default/scoring');
    expect(route({ pod: 'scoring-7d9f8c6b5-x2x4z' }).result.entity).toBe(
      'component:default/scoring',
    );
  });

  it('sends what matches no entity to the fallback team, saying which labels failed', () => {
    const { result, recipients } = route({
      instance: '192.0.2.1:9100',
      job: 'node',
    });
    expect(result.outcome).toBe('fallback');
    expect(result.why[0]).toBe('no entity matches instance=192.0.2.1:9100');
    expect(recipients).toEqual(['group:default/netops']);
  });

  it('sends an owned entity without an owner of that discipline to the fallback team', () => {
    const { result, noOwnerReason } = route({
      backstage_entity: 'component:default/legacy',
      category: 'security',
    });
    expect(result.outcome).toBe('fallback');
    expect(noOwnerReason).toBe(
      'component:default/legacy has no SecOps owner in the catalog',
    );
  });

  it('is unroutable, not an error, without a fallback team', () => {
    const bare = readAlertsConfig(new ConfigReader({}));
    const { result, recipients } = route({ foo: 'bar' }, bare);
    expect(result.outcome).toBe('unroutable');
    expect(recipients).toEqual([]);
  });

  it('reads discipline rules from config and refuses a bad one at startup', () => {
    const custom = readAlertsConfig(
      new ConfigReader({
        integratedOps: {
          alerts: {
            disciplineRules: [
              { labels: { team: ['fw', 'lb'] }, discipline: 'netops' },
            ],
            defaultDiscipline: 'secops',
          },
        },
      }),
    );
    expect(
      route({ instance: '10.20.1.10:1', team: 'lb' }, custom).result.discipline,
    ).toBe('netops');
    expect(route({ instance: '10.20.1.10:1' }, custom).result.discipline).toBe(
      'secops',
    );
    expect(() =>
      readAlertsConfig(
        new ConfigReader({
          integratedOps: { alerts: { defaultDiscipline: 'ops' } },
        }),
      ),
    ).toThrow(
      'integratedOps.alerts.defaultDiscipline must be netops, devops or secops, got "ops"',
    );
  });
});
