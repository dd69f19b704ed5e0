import { OwnershipIndex } from '../index/OwnershipIndex';
import { testCatalog } from '../__testUtils__/testCatalog';
import { buildOwnershipAnswer } from './buildOwnershipAnswer';

const index = OwnershipIndex.build(testCatalog);
const answerAt = (iso: string) =>
  buildOwnershipAnswer(index, 'component:default/gateway', new Date(iso));

describe('buildOwnershipAnswer', () => {
  it('names the three owners and where each came from', () => {
    const { owners } = answerAt('2026-01-07T12:00:00Z');
    expect(
      [owners.netops, owners.devops, owners.secops].map(o => [
        o.team?.ref,
        o.source,
        o.declaredOn,
      ]),
    ).toEqual([
      ['group:default/netops-edge', 'declared', 'component:default/gateway'],
      ['group:default/sre', 'inherited', 'system:default/edge'],
      ['group:default/soc-t1', 'inherited', 'domain:default/payments'],
    ]);
    expect(owners.netops.team?.members.map(m => m.name)).toEqual([
      'Ana Silva',
      'Tom Becker',
    ]);
    expect(owners.netops.team?.lead?.name).toBe('Ana Silva');
    expect(owners.netops.team?.contacts).toEqual([
      { type: 'chat', url: 'https://chat/netops-edge', title: undefined },
      { type: 'runbook', url: 'https://rb/edge', title: 'Edge runbook' },
    ]);
  });

  it('changes who is on call exactly at the weekly handoff', () => {
    const before = answerAt('2026-01-12T08:59:59Z').owners.netops.onCall[0];
    const after = answerAt('2026-01-12T09:00:00Z').owners.netops.onCall[0];
    expect([before.person?.name, before.next?.name, before.until]).toEqual([
      'Ana Silva',
      'Tom Becker',
      '2026-01-12T09:00:00.000Z',
    ]);
    expect([after.person?.name, after.next?.name]).toEqual([
      'Tom Becker',
      'Ana Silva',
    ]);
    expect(after.person?.contacts).toEqual([]);
    expect(before.person).toMatchObject({
      email: 'ana@bank.example',
      contacts: [{ type: 'phone', url: 'tel:+1' }],
    });
  });

  it('walks the SOC escalation path tier by tier to the manager, stopping at a cycle', () => {
    const path = answerAt('2026-01-07T12:00:00Z').owners.secops.escalation;
    expect(path.map(s => [s.step, s.team, s.socTier, s.lead?.name])).toEqual([
      [1, 'group:default/soc-t1', 1, undefined],
      [2, 'group:default/soc-t2', 2, undefined],
      [3, 'group:default/soc', undefined, 'Priya Raman'],
    ]);
  });

  it('collects runbooks from the owning teams', () => {
    expect(answerAt('2026-01-07T12:00:00Z').runbooks).toEqual([
      {
        type: 'runbook',
        url: 'https://rb/edge',
        title: 'Edge runbook',
        from: 'group:default/netops-edge',
      },
    ]);
  });

  it('marks a spec.owner fallback whose team is not in the catalog', () => {
    const legacy = buildOwnershipAnswer(
      index,
      'component:default/legacy',
      new Date(),
    );
    expect(legacy.owners.devops).toMatchObject({
      source: 'fallback',
      teamKnown: false,
      onCall: [],
      escalation: [],
    });
  });
});
