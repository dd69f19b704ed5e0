import { Entity } from '@backstage/catalog-model';
import type { ComponentFactsList } from '@integrated-ops/plugin-security-findings-common';
import { securityFacts } from './securityFacts';

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {},
});

const counts = (over: Partial<Record<string, number>> = {}) => ({
  critical: 0,
  high: 0,
  medium: 0,
  low: 0,
  info: 0,
  ...over,
});

const at = new Date('2026-12-07T06:00:00Z');

const figures: ComponentFactsList = {
  generatedAt: at.toISOString(),
  truncated: false,
  components: [
    {
      entityRef: 'component:default/fraud-scoring-service',
      open: counts({ critical: 1, high: 2, medium: 3 }),
      pastSla: counts({ high: 1, medium: 2 }),
      pastSlaByDiscipline: { netops: 1, devops: 2, secops: 0 },
      lastReportAt: '2026-12-01T00:00:00Z',
    },
    {
      entityRef: 'component:default/legacy-batch-scorer',
      open: counts({ low: 1 }),
      pastSla: counts(),
      pastSlaByDiscipline: { netops: 0, devops: 0, secops: 0 },
      // Last scanned 40 days ago: no longer counts as scanned.
      lastReportAt: '2026-10-28T00:00:00Z',
    },
  ],
};

describe('securityFacts', () => {
  const facts = securityFacts(
    [
      component('Fraud-Scoring-Service'),
      component('legacy-batch-scorer'),
      component('never-scanned'),
    ],
    figures,
    { scannedWithinDays: 30, retrievedAt: at },
  );

  it('gives each component its figures: open criticals and highs, past SLA per discipline, scanned', () => {
    expect(facts[0]).toEqual({
      entity: {
        kind: 'component',
        namespace: 'default',
        name: 'fraud-scoring-service',
      },
      facts: {
        openCritical: 1,
        openHigh: 2,
        criticalOrHighPastSla: 1,
        netopsPastSla: 1,
        devopsPastSla: 2,
        secopsPastSla: 0,
        scanned: true,
        retrievedAt: '2026-12-07T06:00:00.000Z',
      },
    });
  });

  it('counts a component scanned only within the window', () => {
    expect(facts[1].facts.scanned).toBe(false);
  });

  it('gives a component no scanner has reported on zeros and not scanned (its checks still run)', () => {
    expect(facts[2].facts).toMatchObject({
      openCritical: 0,
      criticalOrHighPastSla: 0,
      devopsPastSla: 0,
      scanned: false,
    });
  });

  it('writes no facts from figures cut at their limit (the rest would read as clean)', () => {
    expect(() =>
      securityFacts(
        [component('x')],
        { ...figures, truncated: true },
        {
          scannedWithinDays: 30,
        },
      ),
    ).toThrow(/cut at their limit/);
  });
});
