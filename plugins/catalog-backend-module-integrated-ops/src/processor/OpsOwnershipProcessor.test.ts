import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogProcessorCache,
  CatalogProcessorResult,
} from '@backstage/plugin-catalog-node';
import { OpsOwnershipProcessor } from './OpsOwnershipProcessor';

const location = { type: 'file', target: '/catalog/estate.yaml' };
const rotation = {
  name: 'p',
  members: ['user:a'],
  start: '2026-01-05T09:00',
  period: 'P7D',
  timeZone: 'UTC',
};

const make = (kind: string, name: string, spec: object): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: spec as Entity['spec'],
});

const catalog = [
  make('Domain', 'payments', {
    owner: 'bank',
    opsOwners: { secops: 'soc-tier1' },
  }),
  make('System', 'edge', {
    owner: 'edge-team',
    domain: 'payments',
    opsOwners: { devops: 'sre' },
  }),
  make('Group', 'netops-edge', {
    type: 'team',
    children: [],
    opsTeam: { discipline: 'netops', onCall: [rotation] },
  }),
  make('Group', 'sre', {
    type: 'team',
    children: [],
    opsTeam: { discipline: 'devops' },
  }),
  make('Group', 'soc-tier1', {
    type: 'team',
    children: [],
    opsTeam: { discipline: 'secops', socTier: 1 },
  }),
];
const byRef = new Map(
  catalog.map(e => [`${e.kind.toLowerCase()}:default/${e.metadata.name}`, e]),
);

function memoryCache(): CatalogProcessorCache {
  const values = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => values.get(key) as T | undefined,
    set: async (key, value) => void values.set(key, value),
  };
}

/**
 * The processor cache as the catalog keeps it between passes: a pass reads
 * what the last successful pass set, and only what this pass sets is kept,
 * and only if the pass had no error.
 */
function catalogCache() {
  let stored: Record<string, unknown> = {};
  return {
    pass(): CatalogProcessorCache & { commit(ok: boolean): void } {
      let next: Record<string, unknown> | undefined;
      return {
        get: async <T>(key: string) => stored[key] as T | undefined,
        set: async (key, value) => void ((next ??= {})[key] = value),
        commit: ok => void (ok && next && (stored = next)),
      };
    },
  };
}

async function run(
  entity: Entity,
  options: {
    cache?: CatalogProcessorCache;
    lookupFails?: boolean;
    changes?: { changed(ref: string): void };
  } = {},
) {
  const lookup = {
    get: async (ref: string) => {
      if (options.lookupFails) throw new Error('connect ECONNREFUSED');
      return byRef.get(ref);
    },
  };
  const processor = new OpsOwnershipProcessor({
    lookup,
    logger: mockServices.logger.mock(),
    changes: options.changes,
  });
  const emitted: CatalogProcessorResult[] = [];
  const result = await processor.postProcessEntity(
    entity,
    location,
    r => emitted.push(r),
    options.cache ?? memoryCache(),
  );
  const relations = emitted.flatMap(r =>
    r.type === 'relation'
      ? [
          `${r.relation.source.kind}:${r.relation.source.name} ${r.relation.type} ${r.relation.target.kind}:${r.relation.target.name}`,
        ]
      : [],
  );
  const errors = emitted.flatMap(r =>
    r.type === 'error' ? [r.error.message] : [],
  );
  return { result, relations, errors };
}

const gateway = (opsOwners?: object) =>
  make('Component', 'gateway', {
    type: 'service',
    owner: 'edge-team',
    lifecycle: 'production',
    system: 'edge',
    opsOwners,
  });

describe('OpsOwnershipProcessor', () => {
  it('emits declared and inherited owners in both directions', async () => {
    const { relations, errors, result } = await run(
      gateway({ netops: 'netops-edge' }),
    );
    expect(errors).toEqual([]);
    expect(relations.sort()).toEqual([
      'component:gateway devopsOwnedBy group:sre',
      'component:gateway netopsOwnedBy group:netops-edge',
      'component:gateway secopsOwnedBy group:soc-tier1',
      'group:netops-edge netopsOwnerOf component:gateway',
      'group:soc-tier1 secopsOwnerOf component:gateway',
      'group:sre devopsOwnerOf component:gateway',
    ]);
    expect(result.metadata.annotations).toEqual({
      'integrated-ops.io/netops-owner-source': 'declared',
      'integrated-ops.io/devops-owner-source': 'inherited:system:default/edge',
      'integrated-ops.io/secops-owner-source':
        'inherited:domain:default/payments',
    });
  });

  it('emits no typed relation for a spec.owner fallback, and marks it', async () => {
    const legacy = make('Component', 'legacy', {
      type: 'service',
      owner: 'fraud-ml',
      lifecycle: 'deprecated',
    });
    const { relations, errors, result } = await run(legacy);
    expect(errors).toEqual([]);
    expect(relations).toEqual([]);
    expect(
      result.metadata.annotations?.['integrated-ops.io/netops-owner-source'],
    ).toBe('fallback');
  });

  it('emits nothing once the declaration is removed (no stale relations)', async () => {
    const cache = memoryCache();
    expect(
      (await run(gateway({ netops: 'netops-edge' }), { cache })).relations,
    ).toContain('component:gateway netopsOwnedBy group:netops-edge');
    const after = await run(gateway(undefined), { cache });
    expect(after.relations.filter(r => r.includes('netops'))).toEqual([]);
  });

  it('rejects a malformed declaration with the field named', async () => {
    const { errors, relations } = await run(
      gateway({ netops: 'user:default/ana.silva' }),
    );
    expect(errors).toEqual([
      'spec.opsOwners.netops: "user:default/ana.silva" must refer to a group, not a user',
    ]);
    expect(relations).toEqual([]);
  });

  it('rejects an unknown group from the second pass on, not on first sight', async () => {
    const cache = memoryCache();
    const first = await run(gateway({ netops: 'netops-egde' }), { cache });
    expect(first.errors).toEqual([]);
    const second = await run(gateway({ netops: 'netops-egde' }), { cache });
    expect(second.errors).toEqual([
      'spec.opsOwners.netops: group:default/netops-egde is not in the catalog',
    ]);
    expect(second.relations).toEqual([]);
  });

  it('rejects a team of the wrong discipline', async () => {
    const cache = memoryCache();
    await run(gateway({ secops: 'sre' }), { cache });
    const { errors } = await run(gateway({ secops: 'sre' }), { cache });
    expect(errors).toEqual([
      'spec.opsOwners.secops: group:default/sre is a devops team, not a secops team',
    ]);
  });

  it('rejects a malformed network declaration', async () => {
    const segment = make('Resource', 'seg', {
      type: 'network-segment',
      owner: 'netops-edge',
      network: { cidrs: ['10.20.0.0/99'] },
    });
    const { errors } = await run(segment);
    expect(errors).toEqual([
      'spec.network.cidrs[0]: must be a CIDR block like 10.20.3.0/24',
    ]);
  });

  it('reports a malformed on-call rotation on the group', async () => {
    const group = make('Group', 'noc', {
      type: 'team',
      children: [],
      opsTeam: {
        discipline: 'netops',
        onCall: [{ ...rotation, timeZone: 'Mars/Olympus' }],
      },
    });
    const { errors } = await run(group);
    expect(errors).toEqual([
      'spec.opsTeam.onCall[0].timeZone: unknown time zone "Mars/Olympus"',
    ]);
  });

  it('turns a failing catalog lookup into a processing error, not a crash', async () => {
    const { errors, relations } = await run(
      gateway({ netops: 'netops-edge' }),
      { lookupFails: true },
    );
    expect(relations).toEqual([]);
    expect(errors[0]).toMatch(
      /catalog lookup failed: Error: connect ECONNREFUSED.*keeping the previous state/,
    );
  });

  it('leaves users, templates and locations alone', async () => {
    const user = make('User', 'ana', {
      memberOf: [],
      opsOwners: { netops: 42 },
    });
    expect(await run(user)).toEqual({
      result: user,
      relations: [],
      errors: [],
    });
  });

  describe('announcing changed ownership facts', () => {
    /** Runs passes like the catalog does, each in a new processor (a restart). */
    const passes = () => {
      const cache = catalogCache();
      const changed: string[] = [];
      return {
        changed,
        pass: async (entity: Entity) => {
          const c = cache.pass();
          const out = await run(entity, {
            cache: c,
            changes: { changed: ref => changed.push(ref) },
          });
          c.commit(out.errors.length === 0);
          return out;
        },
      };
    };

    it('announces a new entity, then only passes whose facts changed', async () => {
      const { pass, changed } = passes();
      await pass(gateway({ netops: 'netops-edge' }));
      expect(changed).toEqual(['component:default/gateway']);

      await pass(gateway({ netops: 'netops-edge' }));
      expect(changed).toHaveLength(1);

      await pass(gateway({ netops: 'netops-edge', devops: 'sre' }));
      expect(changed).toHaveLength(2);
    });

    it('announces an inherited owner that moved, though the entity did not change', async () => {
      const { pass, changed } = passes();
      await pass(gateway({ netops: 'netops-edge' }));
      const edge = byRef.get('system:default/edge')!;
      byRef.set('system:default/edge', {
        ...edge,
        spec: { ...edge.spec, opsOwners: { devops: 'platform' } },
      });
      try {
        const { relations } = await pass(gateway({ netops: 'netops-edge' }));
        expect(relations).toContain(
          'component:gateway devopsOwnedBy group:platform',
        );
      } finally {
        byRef.set('system:default/edge', edge);
      }
      expect(changed).toHaveLength(2);
    });

    it('announces nothing for a pass that failed', async () => {
      const { pass, changed } = passes();
      await pass(gateway({ netops: 'netops-edge' }));
      await pass(gateway({ netops: 'user:default/ana.silva' }));
      expect(changed).toHaveLength(1);
    });
  });
});
