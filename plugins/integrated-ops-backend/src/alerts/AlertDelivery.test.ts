/*
 * What an alert's notification says: titled with the alert's name and the
 * entity it was routed by, then its summary; its severity from the alert's
 * `severity` label.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { OwnershipIndex } from '../index/OwnershipIndex';
import {
  make,
  owned,
  sources,
  testCatalog,
} from '../__testUtils__/testCatalog';
import { AlertDelivery, severityOf } from './AlertDelivery';
import { readAlerts } from './alertPayload';
import { readAlertsConfig } from './alertsConfig';
import { UnroutedAlertStore } from './UnroutedAlertStore';

type NotificationPayload = Parameters<
  NotificationService['send']
>[0]['payload'];

const index = OwnershipIndex.build([
  ...testCatalog,
  make(
    'Component',
    'fraud-scoring-service',
    { type: 'service', network: { hostnames: ['scoring.example'] } },
    owned('netops-edge', 'sre', 'soc-t1'),
    {
      title: 'Fraud Scoring Service',
      ...sources('declared', 'declared', 'declared'),
    },
  ),
]);

/** Delivers one alert; returns the notification sent for it. */
async function notificationFor(alert: object): Promise<NotificationPayload> {
  const sent: { payload: NotificationPayload }[] = [];
  const delivery = new AlertDelivery({
    notifications: { send: async n => void sent.push(n) },
    forwarders: [],
    store: { add: async () => {} } as unknown as UnroutedAlertStore,
    config: readAlertsConfig(
      new ConfigReader({
        integratedOps: { alerts: { fallbackTeam: 'group:default/netops' } },
      }),
    ),
    logger: mockServices.logger.mock(),
  });
  await delivery.deliver(
    index,
    readAlerts(alert),
    new Date('2026-01-07T12:00:00Z'),
    {},
  );
  expect(sent).toHaveLength(1);
  return sent[0].payload;
}

describe('alert notifications', () => {
  it('are titled "<alertname> on <entity title>: <summary>", with the severity the alert says', async () => {
    const payload = await notificationFor({
      labels: {
        alertname: 'FraudScoringLatencyHigh',
        hostname: 'scoring.example',
        severity: 'critical',
      },
      annotations: { summary: 'p99 decision latency over 50 ms' },
    });
    expect(payload).toMatchObject({
      title:
        'FraudScoringLatencyHigh on Fraud Scoring Service: p99 decision latency over 50 ms',
      severity: 'critical',
    });
  });

  it('name the entity by its name when it has no title, and say so when resolved', async () => {
    const payload = await notificationFor({
      version: '4',
      status: 'resolved',
      alerts: [
        {
          status: 'resolved',
          labels: {
            alertname: 'EdgeLatencyHigh',
            instance: '10.20.1.10:8443',
            severity: 'warning',
          },
          annotations: { summary: 'p99 over 2 s' },
          fingerprint: 'fp-edge',
        },
      ],
    });
    expect(payload).toMatchObject({
      title: 'Resolved: EdgeLatencyHigh on gateway: p99 over 2 s',
      severity: 'low',
      scope: 'integrated-ops.alert.fp-edge',
    });
  });

  it('say the alert name once when there is no summary', async () => {
    const payload = await notificationFor({
      labels: { alertname: 'EdgeDown', instance: '10.20.1.10:8443' },
    });
    expect(payload).toMatchObject({
      title: 'EdgeDown on gateway',
      severity: 'normal',
    });
  });

  it('name what the alert said when no entity matched (sent to the fallback team)', async () => {
    const payload = await notificationFor({
      labels: { alertname: 'NodeDown', instance: '198.51.100.7:9100' },
      annotations: { summary: 'Node down' },
    });
    expect(payload.title).toBe('NodeDown on 198.51.100.7:9100: Node down');
  });

  it('keep titles to 200 characters', async () => {
    const payload = await notificationFor({
      labels: { alertname: 'A'.repeat(500), instance: '10.20.1.10:8443' },
    });
    expect(payload.title).toHaveLength(200);
  });
});

describe('alert severity', () => {
  it.each([
    ['critical', 'critical', 'critical'],
    ['CRITICAL', 'critical', 'critical'],
    ['high', 'high', 'error'],
    ['error', 'high', 'error'],
    ['warning', 'normal', 'warning'],
    ['info', 'low', 'info'],
    ['page', 'normal', 'warning'],
    ['constructor', 'normal', 'warning'],
    [undefined, 'normal', 'warning'],
  ])(
    'severity=%s is a %s notification and a PagerDuty %s event',
    (label, notification, vendor) => {
      expect(
        severityOf({ labels: label === undefined ? {} : { severity: label } }),
      ).toEqual({ notification, vendor });
    },
  );
});

describe('an alert storm', () => {
  const storm = (n: number) =>
    readAlerts({
      version: '4',
      alerts: Array.from({ length: n }, (_, i) => ({
        status: i === n - 1 ? 'resolved' : 'firing',
        labels: { alertname: `Storm${i % 7}`, hostname: 'scoring.example' },
        // The last one resolves the first one's fingerprint.
        fingerprint: `fp-${i === n - 1 ? 0 : i}`,
      })),
    });

  it('is notified a few alerts at a time, and one fingerprint in its order', async () => {
    let inFlight = 0;
    let most = 0;
    const order: string[] = [];
    const recorded: number[] = [];
    const delivery = new AlertDelivery({
      notifications: {
        send: async n => {
          most = Math.max(most, ++inFlight);
          await new Promise(r =>
            setTimeout(
              r,
              n.payload.scope === 'integrated-ops.alert.fp-0' ? 5 : 1,
            ),
          );
          order.push(`${n.payload.scope}:${n.payload.severity}`);
          inFlight--;
        },
      },
      forwarders: [],
      store: { add: async () => {} } as unknown as UnroutedAlertStore,
      config: readAlertsConfig(
        new ConfigReader({
          integratedOps: { alerts: { fallbackTeam: 'group:default/netops' } },
        }),
      ),
      logger: mockServices.logger.mock(),
      incidents: {
        recordMany: async (alerts: unknown[]) => {
          recorded.push(alerts.length);
          return alerts.map((_, i) => String(i + 1));
        },
      } as any,
    });
    const answer = await delivery.deliver(
      index,
      storm(200),
      new Date('2026-01-07T12:00:00Z'),
      {},
    );
    // One write for the whole webhook, every alert notified, 16 at most at once.
    expect(recorded).toEqual([200]);
    expect(order).toHaveLength(200);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(16);
    expect(answer.results.map(r => r.incident)).toEqual(
      Array.from({ length: 200 }, (_, i) => String(i + 1)),
    );
    // fp-0 fired and resolved in the same webhook: the resolution comes after.
    expect(
      order.filter(o => o.startsWith('integrated-ops.alert.fp-0:')),
    ).toEqual([
      'integrated-ops.alert.fp-0:normal',
      'integrated-ops.alert.fp-0:low',
    ]);
  });
});
