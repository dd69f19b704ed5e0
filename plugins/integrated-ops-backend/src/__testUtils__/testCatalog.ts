import { Entity } from '@backstage/catalog-model';

/**
 * A small processed catalog (relations and owner-source annotations as the
 * catalog module writes them) for unit tests of the index and answers.
 */
type Rel = [type: string, target: string];

export const make = (
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  relations: Rel[] = [],
  metadata: Record<string, unknown> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', ...metadata },
  spec: spec as Entity['spec'],
  relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
});

export const owned = (
  netops: string,
  devops: string,
  secops: string,
): Rel[] => [
  ['netopsOwnedBy', `group:default/${netops}`],
  ['devopsOwnedBy', `group:default/${devops}`],
  ['secopsOwnedBy', `group:default/${secops}`],
];

export const sources = (n: string, d: string, s: string) => ({
  annotations: {
    'integrated-ops.io/netops-owner-source': n,
    'integrated-ops.io/devops-owner-source': d,
    'integrated-ops.io/secops-owner-source': s,
  },
});

const weekly = (members: string[]) => [
  {
    name: 'primary',
    members,
    start: '2026-01-05T09:00',
    period: 'P7D',
    timeZone: 'Europe/London',
  },
];

export const testCatalog: Entity[] = [
  make(
    'Group',
    'netops-edge',
    {
      type: 'team',
      children: [],
      opsTeam: {
        discipline: 'netops',
        lead: 'ana',
        escalatesTo: 'netops',
        onCall: weekly(['user:default/ana', 'user:default/tom']),
      },
    },
    [
      ['hasMember', 'user:default/ana'],
      ['hasMember', 'user:default/tom'],
    ],
    {
      links: [
        { url: 'https://chat/netops-edge', type: 'chat' },
        { url: 'https://rb/edge', type: 'runbook', title: 'Edge runbook' },
      ],
    },
  ),
  make('Group', 'netops', {
    type: 'department',
    children: [],
    opsTeam: { discipline: 'netops', lead: 'marta' },
  }),
  make('Group', 'sre', {
    type: 'team',
    children: [],
    opsTeam: { discipline: 'devops', onCall: weekly(['user:default/raj']) },
  }),
  make('Group', 'soc-t1', {
    type: 'team',
    children: [],
    opsTeam: {
      discipline: 'secops',
      socTier: 1,
      escalatesTo: 'soc-t2',
      onCall: weekly(['user:default/lucas']),
    },
  }),
  make('Group', 'soc-t2', {
    type: 'team',
    children: [],
    opsTeam: {
      discipline: 'secops',
      socTier: 2,
      escalatesTo: 'soc',
      onCall: weekly(['user:default/elena']),
    },
  }),
  make('Group', 'soc', {
    type: 'team',
    children: [],
    opsTeam: { discipline: 'secops', lead: 'priya', escalatesTo: 'soc-t1' },
  }),
  make(
    'User',
    'ana',
    { profile: { displayName: 'Ana Silva', email: 'ana@bank.example' } },
    [],
    { links: [{ url: 'tel:+1', type: 'phone' }] },
  ),
  make('User', 'tom', { profile: { displayName: 'Tom Becker' } }),
  make('User', 'priya', { profile: { displayName: 'Priya Raman' } }),
  make(
    'Resource',
    'seg-dmz',
    { type: 'network-segment', network: { cidrs: ['10.20.1.0/24'] } },
    owned('netops-edge', 'sre', 'soc-t1'),
    sources('declared', 'declared', 'declared'),
  ),
  make(
    'Resource',
    'seg-corp',
    { type: 'network-segment', network: { cidrs: ['10.0.0.0/8'] } },
    owned('netops-edge', 'sre', 'soc-t1'),
  ),
  make(
    'Component',
    'gateway',
    {
      type: 'service',
      owner: 'edge-team',
      system: 'edge',
      network: {
        hostnames: ['api.pay.example'],
        addresses: ['10.20.1.10'],
        segment: 'resource:default/seg-dmz',
      },
    },
    [
      ...owned('netops-edge', 'sre', 'soc-t1'),
      ['dependsOn', 'resource:default/kafka'],
      ['consumesApi', 'api:default/score-api'],
    ],
    sources(
      'declared',
      'inherited:system:default/edge',
      'inherited:domain:default/payments',
    ),
  ),
  make(
    'Component',
    'web',
    {
      type: 'website',
      owner: 'edge-team',
      network: {
        hostnames: ['pay.example'],
        segment: 'seg-dmz', // short form: kind and namespace default
      },
    },
    [
      ...owned('netops-edge', 'sre', 'soc-t1'),
      ['dependsOn', 'component:default/gateway'],
    ],
  ),
  make('Component', 'scoring', { type: 'service', owner: 'fraud-team' }, [
    ...owned('netops-edge', 'sre', 'soc-t1'),
    ['dependsOn', 'resource:default/kafka'],
  ]),
  make(
    'API',
    'score-api',
    {
      type: 'openapi',
      owner: 'fraud-team',
      definition:
        'openapi: 3.0.0\nservers:\n  - url: https://scoring.internal/api\n',
    },
    [['apiProvidedBy', 'component:default/scoring']],
  ),
  make('Resource', 'kafka', { type: 'kafka-cluster', owner: 'data-team' }),
  make('Component', 'legacy', { type: 'service', owner: 'fraud-team' }),
];

/**
 * The test catalog with `members` more services declared in seg-dmz
 * (10.20.1.0/24): every IP there matches the segment and all of them, as an
 * address in a busy segment of a real estate does.
 */
export const busySegmentCatalog = (members: number): Entity[] => [
  ...testCatalog,
  ...Array.from({ length: members }, (_, i) =>
    make(
      'Component',
      `busy-${String(i).padStart(4, '0')}`,
      {
        type: 'service',
        owner: 'edge-team',
        network: { segment: 'resource:default/seg-dmz' },
      },
      owned('netops-edge', 'sre', 'soc-t1'),
      sources('declared', 'declared', 'declared'),
    ),
  ),
];
