/*
 * Change freezes through the planner: the policy's calendar is checked over
 * the target and what depends on it, read from the catalog. The freeze here
 * covers the payments domain; the database is not in it, but the storefront
 * two hops away (app depends on the database, the storefront consumes the
 * app's API) is.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { changeIntentSchema } from '@integrated-ops/plugin-ops-requests-common';
import { mkdtemp, readFile, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { parse, stringify } from 'yaml';
import { ChangePlanner } from './ChangePlanner';

const rel = (type: string, targetRef: string) => ({ type, targetRef });
const entity = (
  kind: string,
  name: string,
  spec: object,
  relations: { type: string; targetRef: string }[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: spec as Entity['spec'],
  relations,
});

const catalog = [
  entity('Domain', 'payments', {}),
  entity('Domain', 'data', {}),
  entity('System', 'storefront', { domain: 'payments' }),
  entity('System', 'ledger', { domain: 'data' }),
  entity('Resource', 'seg-data', {
    type: 'network-segment',
    network: { cidrs: ['10.40.2.0/24'], zone: 'restricted' },
  }),
  entity(
    'Resource',
    'db',
    {
      type: 'database',
      system: 'ledger',
      network: { addresses: ['10.40.2.11'], segment: 'seg-data' },
    },
    [
      rel('netopsOwnedBy', 'group:default/netops-dc'),
      rel('dependencyOf', 'component:default/app'),
    ],
  ),
  entity(
    'Component',
    'app',
    {
      type: 'service',
      system: 'ledger',
      network: { addresses: ['10.40.2.20'] },
    },
    [
      rel('dependsOn', 'resource:default/db'),
      rel('providesApi', 'api:default/app-api'),
    ],
  ),
  entity('API', 'app-api', { type: 'openapi', system: 'ledger' }, [
    rel('apiConsumedBy', 'component:default/storefront-web'),
  ]),
  entity(
    'Component',
    'storefront-web',
    { type: 'website', system: 'storefront' },
    [rel('consumesApi', 'api:default/app-api')],
  ),
];

async function planner(
  depth: number,
  now: string,
  allow: 'refuse' | 'change-advisory' = 'refuse',
) {
  const policy = parse(
    await readFile(
      resolve(__dirname, '../../../../policies/change-policy.yaml'),
      'utf8',
    ),
  );
  policy.spec.changeCalendar = {
    blastRadiusDepth: depth,
    freezes: [
      {
        name: 'Month-end close',
        monthly: { fromDay: -2, toDay: 2 },
        timeZone: 'Europe/London',
        scope: { domains: ['domain:default/payments'] },
        allow,
      },
    ],
    changeAdvisory: { group: 'group:default/change-advisory-board' },
  };
  const file = join(
    await mkdtemp(join(tmpdir(), 'iop-freeze-')),
    'policy.yaml',
  );
  await writeFile(file, stringify(policy));
  return new ChangePlanner({
    catalog: catalogServiceMock({ entities: catalog }),
    policyFile: file,
    now: () => new Date(now),
  });
}

const intent = changeIntentSchema.parse({
  kind: 'network-access',
  source: 'component:default/app',
  destination: 'resource:default/db',
  ports: '5432/tcp',
  justification: 'The ledger app reads the database after the migration',
  expiresAt: '2026-06-30',
});
const requester = {
  userEntityRef: 'user:default/raj',
  credentials: mockCredentials.user('user:default/raj'),
};
const freezeResult = async (depth: number, now: string) =>
  (
    await (await planner(depth, now)).plan(intent, requester)
  ).policy.results.find(r => r.rule === 'change-freeze');

describe('change freezes over the blast radius', () => {
  it('refuse a change whose dependent two hops away is frozen, naming it, the path and the window', async () => {
    // The last two days of March to 2 April, London time (summer time from 29 March).
    expect(await freezeResult(2, '2026-03-30T12:00:00Z')).toEqual({
      rule: 'change-freeze',
      passed: false,
      message:
        'Month-end close (2026-03-29T23:00:00.000Z to 2026-04-01T23:00:00.000Z) freezes component:default/storefront-web (2 hops from the target, via component:default/app); plan the change after 2026-04-01T23:00:00.000Z',
    });
  });

  it('pass when the frozen dependent is beyond the policy depth', async () => {
    expect(await freezeResult(1, '2026-03-31T12:00:00Z')).toMatchObject({
      passed: true,
      message: expect.stringContaining('(2 entities, 1 hops)'),
    });
  });

  it('pass outside the freeze window', async () => {
    expect((await freezeResult(2, '2026-03-02T12:00:00Z'))?.passed).toBe(true);
  });

  it('judge a planned change by its apply time, not by when it is filed', async () => {
    const plan = await (
      await planner(2, '2026-03-02T12:00:00Z')
    ).plan(
      changeIntentSchema.parse({
        ...intent,
        applyAt: '2026-03-31T20:00:00Z',
      }),
      requester,
    );
    expect(plan.applyAt).toBe('2026-03-31T20:00:00.000Z');
    expect(
      plan.policy.results.find(r => r.rule === 'change-freeze'),
    ).toMatchObject({
      passed: false,
      message: expect.stringMatching(/^Month-end close/),
    });
  });

  it('let the change advisory board approve a change in a freeze that allows it', async () => {
    const plan = await (
      await planner(2, '2026-03-30T12:00:00Z', 'change-advisory')
    ).plan(intent, requester);
    expect(plan.policy.passed).toBe(true);
    expect(plan.requiredApprovals).toEqual(['netops', 'change-advisory']);
    expect(plan.approvers).toEqual({
      netops: 'group:default/netops-dc',
      'change-advisory': 'group:default/change-advisory-board',
    });
    expect(
      plan.policy.results.find(r => r.rule === 'change-freeze')?.message,
    ).toMatch(
      /freezes component:default\/storefront-web \(2 hops from the target, via component:default\/app\): allowed with the approval of the change advisory board \(group:default\/change-advisory-board\)$/,
    );
  });
});
