import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  parseNetwork,
  tryNormalizeEntityRef,
} from '@integrated-ops/plugin-integrated-ops-common';
import { ChangeScopeEntity } from '@integrated-ops/plugin-ops-requests-common';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
const targetsOf = (entity: Entity, type: string) =>
  (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => lower(r.targetRef));

/**
 * What a change to the target touches: the target and everything that
 * depends on it up to `depth` hops (`dependencyOf`, and the consumers of the
 * APIs it provides), each with the system, domain and network zone a change
 * freeze is scoped by. Read with the requester's credentials, breadth first.
 */
export async function changeScope(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  targetRef: string,
  depth: number,
): Promise<ChangeScopeEntity[]> {
  const cache = new Map<string, Entity | undefined>();
  const load = async (refs: string[]) => {
    const missing = refs.filter(r => !cache.has(r));
    if (missing.length) {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: missing },
        { credentials },
      );
      missing.forEach((r, i) => cache.set(r, items[i] ?? undefined));
    }
    return refs.map(r => cache.get(r));
  };
  const describe = async (
    entity: Entity,
    hop: number,
    via?: string,
  ): Promise<ChangeScopeEntity> => {
    const ref = lower(stringifyEntityRef(entity));
    const system = tryNormalizeEntityRef(entity.spec?.system, {
      defaultKind: 'system',
      defaultNamespace: entity.metadata.namespace,
    });
    const [systemEntity] = system ? await load([system]) : [undefined];
    const domain =
      tryNormalizeEntityRef(
        entity.kind.toLocaleLowerCase('en-US') === 'system'
          ? entity.spec?.domain
          : systemEntity?.spec?.domain,
        { defaultKind: 'domain', defaultNamespace: entity.metadata.namespace },
      ) ?? undefined;
    const network = parseNetwork(entity);
    const declared = network.ok ? network.value ?? {} : {};
    let zone = declared.zone;
    const segment = tryNormalizeEntityRef(declared.segment, {
      defaultKind: 'resource',
      defaultNamespace: entity.metadata.namespace,
    });
    if (!zone && segment) {
      const [segmentEntity] = await load([segment]);
      const parsed = segmentEntity ? parseNetwork(segmentEntity) : undefined;
      zone = parsed?.ok ? parsed.value?.zone : undefined;
    }
    return {
      entityRef: ref,
      hop,
      via,
      system: system ?? undefined,
      domain,
      zone,
    };
  };

  const [target] = await load([lower(targetRef)]);
  if (!target) return [];
  const scope = [await describe(target, 0)];
  const seen = new Set([scope[0].entityRef]);
  let frontier: Entity[] = [target];
  for (let hop = 1; hop <= depth && frontier.length; hop++) {
    const next: Entity[] = [];
    for (const entity of frontier) {
      const from = lower(stringifyEntityRef(entity));
      const apis = await load(targetsOf(entity, 'providesApi'));
      const dependents = [
        ...targetsOf(entity, 'dependencyOf'),
        ...apis.flatMap(api => (api ? targetsOf(api, 'apiConsumedBy') : [])),
      ].filter(r => !seen.has(r));
      for (const [i, dependent] of (await load(dependents)).entries()) {
        if (!dependent || seen.has(dependents[i])) continue;
        seen.add(dependents[i]);
        scope.push(await describe(dependent, hop, from));
        next.push(dependent);
      }
    }
    frontier = next;
  }
  return scope;
}
