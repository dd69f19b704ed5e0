import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { OwnershipIndexService } from '../service/OwnershipIndexService';
import { busySegmentCatalog, testCatalog } from '../__testUtils__/testCatalog';
import { wholeCatalog } from '../__testUtils__/wholeCatalog';
import { registerLookupActions } from './registerLookupActions';

async function actions(catalog: Entity[] = testCatalog) {
  const indexService = new OwnershipIndexService({
    sync: async () => wholeCatalog(catalog),
    logger: mockServices.logger.mock(),
    staleAfterMs: 60_000,
  });
  await indexService.refresh();
  const registry = actionsRegistryServiceMock();
  registerLookupActions(
    registry,
    indexService,
    mockServices.permissions(),
    { noOwnerEscalation: 'group:default/soc-t2' },
    undefined,
    { alertSenders: ['alertmanager'] },
  );
  return (
    input: object,
    action = 'ops-lookup',
    credentials: BackstageCredentials = mockCredentials.user(),
  ) =>
    registry
      .invoke({ id: `test:${action}`, input: input as any, credentials })
      .then(r => r.output as any);
}

describe('MCP action ops-lookup', () => {
  it('answers compactly by default: every match in brief, the best as who to call', async () => {
    const lookup = await actions();
    const out = await lookup({ query: '10.20.1.10' });
    expect(out.matches.map((m: any) => m.entityRef)).toEqual([
      'component:default/gateway',
      'resource:default/seg-dmz',
      'component:default/web',
    ]);
    expect(out.matches.every((m: any) => m.answer === undefined)).toBe(true);
    expect(out.matches[1].summary.owners.netops).toMatchObject({
      team: 'group:default/netops-edge',
      source: 'declared',
    });
    expect(out.best.entity.ref).toBe('component:default/gateway');
    expect(out.best.owners.netops.team).toBe('netops-edge');
    expect(out.best.owners.secops.escalation.map((s: any) => s.team)).toEqual([
      'soc-t2',
      'soc',
    ]);
    // No member lists, no descriptions: a few hundred bytes, not the full answer.
    const full = await lookup({ query: '10.20.1.10', detail: 'full' });
    expect(JSON.stringify(out).length).toBeLessThan(
      JSON.stringify(full).length / 2,
    );
  });

  it('gives every complete answer when asked for detail "full"', async () => {
    const lookup = await actions();
    const out = await lookup({ query: '10.20.1.10', detail: 'full' });
    expect(out.best).toBeUndefined();
    expect(out.matches[1].answer.owners.netops.team.members).toHaveLength(2);
  });

  it('says whom to call instead where nobody can be paged', async () => {
    const lookup = await actions();
    const out = await lookup({ query: 'component:default/legacy' });
    expect(out.best.owners.devops.noOwner).toEqual({
      message:
        'The DevOps owner group:default/fraud-team is not in the catalog.',
      callInstead: expect.objectContaining({ team: 'soc-t2' }),
    });
  });
});

describe('MCP action ops-lookup-many', () => {
  it('answers each query compactly, in order, as ops-lookup would', async () => {
    const invoke = await actions();
    const out = await invoke(
      {
        queries: ['10.20.1.10', 'component:default/legacy', 'nothing.example'],
      },
      'ops-lookup-many',
    );
    expect(out.results.map((r: any) => [r.query, r.best?.entity.ref])).toEqual([
      ['10.20.1.10', 'component:default/gateway'],
      ['component:default/legacy', 'component:default/legacy'],
      ['nothing.example', undefined],
    ]);
    const single = await invoke({ query: '10.20.1.10' });
    expect(out.results[0]).toEqual({
      query: '10.20.1.10',
      interpretedAs: single.interpretedAs,
      matches: single.matches,
      best: single.best,
    });
    expect(out.results[2].matches).toEqual([]);
  });

  it('refuses an empty list and more than 1000 queries', async () => {
    const invoke = await actions();
    await expect(invoke({ queries: [] }, 'ops-lookup-many')).rejects.toThrow(
      /queries/,
    );
    await expect(
      invoke({ queries: Array(1001).fill('web') }, 'ops-lookup-many'),
    ).rejects.toThrow(/queries/);
  });
});

describe('MCP actions take queries as the HTTP routes do', () => {
  it('refuses a query over 2,048 characters, in every action', async () => {
    const invoke = await actions();
    for (const [action, input] of [
      ['ops-lookup', (q: string) => ({ query: q })],
      ['ops-lookup-many', (q: string) => ({ queries: ['web', q] })],
      ['ops-blast-radius', (q: string) => ({ entity: q })],
    ] as const) {
      await expect(invoke(input('x'.repeat(2049)), action)).rejects.toThrow(
        /2048/,
      );
    }
  });

  it('answers a query once whatever the whitespace around it', async () => {
    const invoke = await actions();
    const out = await invoke({ queries: ['web', ' web '] }, 'ops-lookup-many');
    expect(out.results.map((r: any) => r.query)).toEqual(['web', 'web']);
    expect(out.results[1].best).toEqual(out.results[0].best);
  });
});

describe('MCP actions, bounded', () => {
  it('ops-lookup lists 20 matches of a busy segment and says how many there were', async () => {
    const lookup = await actions(busySegmentCatalog(300));
    const out = await lookup({ query: '10.20.1.77' });
    expect(out.matches).toHaveLength(20);
    expect(out).toMatchObject({ truncated: true, totalMatches: 303 });
    const full = await lookup({ query: '10.20.1.77', detail: 'full' });
    expect(full.matches).toHaveLength(20);
    expect(full).toMatchObject({ truncated: true, totalMatches: 303 });
  });

  it('ops-lookup-many answers 1,000 lookups of a busy IP within 2 MB, and says where it stopped', async () => {
    const invoke = await actions(busySegmentCatalog(300));
    const queries = Array.from(
      { length: 1000 },
      (_, i) => `10.20.1.${(i % 250) + 1}`,
    );
    const out = await invoke({ queries }, 'ops-lookup-many');
    expect(JSON.stringify(out).length).toBeLessThan(2_000_000 + 50_000);
    expect(out.results).toHaveLength(1000);
    expect(out.truncated).toBe(true);
    expect(out.answered).toBeGreaterThan(50);
    expect(out.answered).toBeLessThan(1000);
    expect(out.message).toContain("the batch's answer budget of 2000000 bytes");
    expect(out.results[0]).toMatchObject({
      query: queries[0],
      truncated: true,
      totalMatches: 303,
    });
    expect(out.results[0].matches).toHaveLength(20);
    expect(out.results[out.answered]).toEqual({
      query: queries[out.answered],
      skipped: true,
    });
  });

  it('are not for the alert senders', async () => {
    const invoke = await actions();
    const alertmanager = mockCredentials.service('alertmanager');
    for (const [action, input] of [
      ['ops-lookup', { query: '10.20.1.10' }],
      ['ops-lookup-many', { queries: ['10.20.1.10'] }],
      ['ops-blast-radius', { entity: 'kafka' }],
    ] as const) {
      await expect(invoke(input, action, alertmanager)).rejects.toThrow(
        'alertmanager is an alert sender (integratedOps.alerts.senders): it may post alerts and nothing else',
      );
    }
    // Other services (the portal's plugins) may.
    const other = await invoke(
      { query: '10.20.1.10' },
      'ops-lookup',
      mockCredentials.service('plugin:ops-requests'),
    );
    expect(other.best.entity.ref).toBe('component:default/gateway');
  });
});
