import {
  byOwningTeam,
  bySystem,
  entityCoverage,
  summarizeCoverage,
} from './coverage';
import { resolveEffectiveOwners } from './inheritance';
import { entity, team } from './testEntities';

const rotation = {
  name: 'p',
  members: ['user:a'],
  start: '2026-01-05T09:00',
  period: 'P7D',
  timeZone: 'UTC',
};
const teams = new Map([
  [
    'group:default/net',
    team(
      'net',
      [
        { type: 'chat', url: 'https://chat/net' },
        { type: 'runbook', url: 'https://rb/net' },
      ],
      { discipline: 'netops', onCall: [rotation] },
    ),
  ],
  [
    'group:default/dev',
    team('dev', [{ type: 'pager', url: 'tel:+1' }], {
      discipline: 'devops',
      onCall: [rotation],
    }),
  ],
  ['group:default/sec', team('sec', [], { discipline: 'secops' })],
  [
    'group:default/product',
    team('product', [{ type: 'chat', url: 'https://chat/p' }]),
  ],
]);

const coverageOf = (
  spec: Record<string, unknown>,
  links: { type: string; url: string }[] = [],
) => {
  const e = entity(
    'Component',
    'svc',
    { owner: 'product', ...spec },
    { links },
  );
  return entityCoverage(e, resolveEffectiveOwners(e, []), teams);
};

describe('entityCoverage', () => {
  it('passes every check for fully declared, reachable, rotating owners with a runbook', () => {
    const full = team('sec2', [{ type: 'phone', url: 'tel:+2' }], {
      discipline: 'secops',
      onCall: [rotation],
    });
    teams.set('group:default/sec2', full);
    const c = coverageOf({
      opsOwners: { netops: 'net', devops: 'dev', secops: 'sec2' },
    });
    expect(c.gaps).toEqual([]);
    expect([c.passed, c.checks]).toEqual([10, 10]);
  });

  it('names each gap of a partly covered entity', () => {
    const c = coverageOf({ opsOwners: { netops: 'net', secops: 'sec' } });
    expect(c.gaps.map(g => `${g.discipline ?? '-'} ${g.kind}`)).toEqual([
      'devops owner-fallback',
      'devops no-rotation',
      'secops team-unreachable',
      'secops no-rotation',
    ]);
    expect(c.passed).toBe(6);
  });

  it('flags owners that are not in the catalog', () => {
    const c = coverageOf({
      opsOwners: { netops: 'ghost-team', devops: 'dev', secops: 'sec' },
    });
    expect(c.gaps[0]).toEqual({
      kind: 'owner-unknown',
      discipline: 'netops',
      message: 'NetOps owner group:default/ghost-team is not in the catalog',
    });
  });

  it('asks for a runbook when neither the entity nor its teams have one', () => {
    const c = coverageOf({ opsOwners: { devops: 'dev' }, owner: 'dev' });
    expect(c.gaps.some(g => g.kind === 'no-runbook')).toBe(true);
    const withRunbook = coverageOf(
      { opsOwners: { devops: 'dev' }, owner: 'dev' },
      [{ type: 'runbook', url: 'https://rb/svc' }],
    );
    expect(withRunbook.gaps.some(g => g.kind === 'no-runbook')).toBe(false);
  });

  it('reports missing owners for an entity with no owner at all', () => {
    const e = entity('Resource', 'bucket', {});
    const c = entityCoverage(e, resolveEffectiveOwners(e, []), teams);
    expect(c.gaps.filter(g => g.kind === 'owner-missing')).toHaveLength(3);
    expect(c.passed).toBe(0);
  });
});

describe('summarizeCoverage', () => {
  it('computes a percentage per system and per owning team', () => {
    const a = coverageOf({
      system: 'edge',
      opsOwners: { netops: 'net', devops: 'dev', secops: 'sec' },
    });
    const b = coverageOf({ system: 'edge' });
    const c = coverageOf({});
    const perSystem = summarizeCoverage([a, b, c], bySystem);
    expect(perSystem).toEqual([
      // fallback to a reachable team without rotation: 3 of 10
      {
        key: '(no system)',
        entities: 1,
        fullyCovered: 0,
        checks: 10,
        passed: 3,
        percent: 30,
      },
      // a: 8 of 10 (sec unreachable, no rotation); b: 3 of 10
      {
        key: 'system:default/edge',
        entities: 2,
        fullyCovered: 0,
        checks: 20,
        passed: 11,
        percent: 55,
      },
    ]);
    const perTeam = summarizeCoverage([a, b], byOwningTeam);
    expect(perTeam.map(s => [s.key, s.entities])).toEqual([
      ['group:default/dev', 1],
      ['group:default/net', 1],
      ['group:default/product', 1],
      ['group:default/sec', 1],
    ]);
  });
});
