import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { OwnershipIndexService } from '../service/OwnershipIndexService';
import { testCatalog } from '../__testUtils__/testCatalog';
import { wholeCatalog } from '../__testUtils__/wholeCatalog';
import { registerLookupActions } from './registerLookupActions';

async function actions() {
  const indexService = new OwnershipIndexService({
    sync: async () => wholeCatalog(testCatalog),
    logger: mockServices.logger.mock(),
    staleAfterMs: 60_000,
  });
  await indexService.refresh();
  const registry = actionsRegistryServiceMock();
  registerLookupActions(registry, indexService, mockServices.permissions(), {
    noOwnerEscalation: 'group:default/soc-t2',
  });
  return (input: object, action = 'ops-lookup') =>
    registry
      .invoke({
        id: `test:${action}`,
        input: input as any,
        credentials: mockCredentials.user(),
      })
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
