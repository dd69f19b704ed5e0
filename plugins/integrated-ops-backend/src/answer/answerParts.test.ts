import { OwnershipIndex } from '../index/OwnershipIndex';
import { make, owned, testCatalog } from '../__testUtils__/testCatalog';
import { markJsonPart, toJson } from './answerJson';
import { cachedPart, keptParts, noteVolatile } from './answerParts';
import { blastRadius } from './blastRadius';
import { buildOwnershipAnswer } from './buildOwnershipAnswer';
import { lookup } from './lookup';

const status = { stale: false, entities: 0 };
const AT = new Date('2026-01-07T12:00:00Z');
const GATEWAY = 'component:default/gateway';

const original = (kind: string, name: string) =>
  testCatalog.find(e => e.kind === kind && e.metadata.name === name)!;

describe('answer parts: made once, shared while they hold', () => {
  it('shares a discipline answer between entities and requests, and serializes exactly as JSON.stringify', () => {
    const index = OwnershipIndex.build(testCatalog);
    const first = buildOwnershipAnswer(index, GATEWAY, AT);
    const again = buildOwnershipAnswer(index, GATEWAY, AT);
    const web = buildOwnershipAnswer(index, 'component:default/web', AT);
    expect(again.owners.devops).toBe(first.owners.devops);
    // The same team part under another discipline answer (web declares nothing).
    expect(web.owners.netops.team).toBe(first.owners.netops.team);
    expect(keptParts(index)).toBeGreaterThan(0);
    for (const response of [
      lookup(index, status, 'api.pay.example', AT),
      lookup(index, status, '10.20.1.10', AT, undefined, { detail: 'full' }),
      blastRadius(index, status, 'resource:default/kafka', 3, AT),
    ]) {
      expect(toJson(response)).toBe(JSON.stringify(response));
      // From the kept texts the second time.
      expect(toJson(response)).toBe(JSON.stringify(response));
    }
  });

  it('answers an entity edit (an index patch) in the next answer', () => {
    const index = OwnershipIndex.build(testCatalog);
    const before = lookup(index, status, GATEWAY, AT).matches[0].answer!;
    expect(before.owners.netops.team?.ref).toBe('group:default/netops-edge');
    const gateway = original('Component', 'gateway');
    index.apply({
      removed: [],
      upserted: [
        {
          ...gateway,
          relations: [
            ...owned('sre', 'sre', 'soc-t1').map(([type, targetRef]) => ({
              type,
              targetRef,
            })),
            ...gateway.relations!.filter(r => !r.type.endsWith('OwnedBy')),
          ],
        },
      ],
    });
    const after = lookup(index, status, GATEWAY, AT).matches[0].answer!;
    expect(after.owners.netops.team?.ref).toBe('group:default/sre');
    expect(after).toEqual(
      buildOwnershipAnswer(
        OwnershipIndex.build(index.entities.values()),
        GATEWAY,
        AT,
      ),
    );
  });

  it("answers a team's edit in every answer naming it, though no entity it owns changed", () => {
    const index = OwnershipIndex.build(testCatalog);
    const title = () =>
      lookup(index, status, GATEWAY, AT).matches[0].answer!.owners.netops.team
        ?.title;
    expect(title()).toBe('netops-edge');
    const team = original('Group', 'netops-edge');
    index.apply({
      removed: [],
      upserted: [
        { ...team, metadata: { ...team.metadata, title: 'Edge networks' } },
      ],
    });
    expect(title()).toBe('Edge networks');
    // And a user's: the lead's new display name.
    const ana = original('User', 'ana');
    index.apply({
      removed: [],
      upserted: [{ ...ana, spec: { profile: { displayName: 'Ana S.' } } }],
    });
    const answer = lookup(index, status, GATEWAY, AT).matches[0].answer!;
    expect(answer.owners.netops.team?.lead?.name).toBe('Ana S.');
    expect(answer.owners.netops.onCall[0].person?.name).toBe('Ana S.');
  });

  it('follows on-call over time: a handoff names the next person, and an earlier moment the earlier one', () => {
    const index = OwnershipIndex.build(testCatalog);
    const onCall = (iso: string) => {
      const answer = lookup(index, status, GATEWAY, new Date(iso)).matches[0]
        .answer!;
      const [shift] = answer.owners.netops.onCall;
      return [
        shift.person?.name,
        answer.owners.netops.escalation[0].onCall[0].person?.name,
        answer.owners.netops.noOwner,
      ];
    };
    expect(onCall('2026-01-12T08:59:59Z')).toEqual([
      'Ana Silva',
      'Ana Silva',
      undefined,
    ]);
    expect(onCall('2026-01-12T09:00:00Z')).toEqual([
      'Tom Becker',
      'Tom Becker',
      undefined,
    ]);
    expect(onCall('2026-01-12T08:59:59Z')[0]).toBe('Ana Silva');
    expect(onCall('2026-01-20T12:00:00Z')[0]).toBe('Ana Silva');
    // Each the same as an answer made from nothing kept.
    for (const iso of ['2026-01-12T08:59:59Z', '2026-01-12T09:00:00Z']) {
      expect(buildOwnershipAnswer(index, GATEWAY, new Date(iso))).toEqual(
        buildOwnershipAnswer(
          OwnershipIndex.build(testCatalog),
          GATEWAY,
          new Date(iso),
        ),
      );
    }
  });

  it('never hands a caller an entity they may not read, however warm the parts', () => {
    const index = OwnershipIndex.build(testCatalog);
    // Warmed by a caller who reads everything.
    lookup(index, status, 'kafka', AT);
    lookup(index, status, GATEWAY, AT);
    blastRadius(index, status, 'resource:default/kafka', 3, AT);
    const notGateway = (ref: string) => ref !== GATEWAY;
    expect(
      lookup(index, status, GATEWAY, AT, notGateway).matches.map(
        m => m.entityRef,
      ),
    ).not.toContain(GATEWAY);
    expect(
      lookup(index, status, '10.20.1.10', AT, notGateway).matches.map(
        m => m.entityRef,
      ),
    ).not.toContain(GATEWAY);
    const radius = blastRadius(
      index,
      status,
      'resource:default/kafka',
      3,
      AT,
      notGateway,
    );
    const listed = [...radius.dependents, ...radius.dependencies].map(
      r => r.entityRef,
    );
    expect(listed).not.toContain(GATEWAY);
    // web depends on kafka only through gateway: not reached either.
    expect(listed).not.toContain('component:default/web');
    expect(toJson(radius)).not.toContain(GATEWAY);
  });

  it('keeps no part that read a vendor answer, and none past its moment', () => {
    const index = OwnershipIndex.build([
      make('Component', 'x', { type: 'service' }),
    ]);
    let builds = 0;
    const vendor = () =>
      cachedPart(index, {}, 'vendor', AT, () => {
        builds++;
        noteVolatile();
        return { ageSeconds: builds };
      });
    expect(vendor()).toEqual({ ageSeconds: 1 });
    expect(vendor()).toEqual({ ageSeconds: 2 });
    // A part holding a vendor part is not kept either.
    const outer = () => cachedPart(index, {}, 'outer', AT, () => vendor());
    outer();
    outer();
    expect(builds).toBe(4);
    expect(keptParts(index)).toBe(0);
    // As-of answers (their own owners) are never kept.
    cachedPart(index, { ownersOf: () => ({}) }, 'asOf', AT, () => ({}));
    expect(keptParts(index)).toBe(0);
  });

  it('serializes anything exactly as JSON.stringify does, parts or not', () => {
    const part = {
      a: [1, undefined, () => 1],
      b: undefined,
      'c"d': 'é\u2028"',
    };
    markJsonPart(part);
    const values: unknown[] = [
      part,
      [part, part, undefined, Symbol('s')],
      { when: new Date(0), own: { toJSON: () => 'x' }, map: new Map(), part },
      { nested: { deeper: [[[[[[[[[[{ part }]]]]]]]]]] }, n: NaN, i: -0 },
      Object.assign(Object.create(null), { z: 1, 2: 'two', 1: part }),
      'text',
      null,
    ];
    for (const value of values) {
      expect(toJson(value)).toBe(JSON.stringify(value));
      expect(toJson(value)).toBe(JSON.stringify(value));
    }
  });
});
