import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Discipline,
  normalizeEntityRef,
  parseNetwork,
  opsOwnerRefs,
  tryNormalizeEntityRef,
} from '@integrated-ops/plugin-integrated-ops-common';
import { changeScope } from './changeScope';

/** Data classes recognised in entity tags. */
const DATA_CLASS_TAGS = ['pci', 'pii', 'phi'];
const K8S_NAMESPACE = 'backstage.io/kubernetes-namespace';

/**
 * An entity the request is about, with what the policy and renderers need from the catalog.
 *
 * @public
 */
export interface ResolvedTarget {
  /** The entity's full ref, lower-cased. */
  entityRef: string;
  /** The entity as the catalog gave it to the caller. */
  entity: Entity;
  /** Its metadata.name. */
  name: string;
  /** The entity's addresses as /32 (/128), else its own or its segment's CIDRs. */
  cidrs: string[];
  /** Its network zone, declared or its segment's; absent when neither says. */
  zone?: string;
  /** Its spec.lifecycle; absent when it has none. */
  lifecycle?: string;
  /** Whether its lifecycle is `production`. */
  production: boolean;
  /** Its tags that name a data class (pci, pii, phi), as written. */
  dataClasses: string[];
  /** Kubernetes namespace its workloads run in (annotation, else its System's name). */
  namespace: string;
  /**
   * The Kubernetes cluster its workloads run on: the `kubernetes-cluster`
   * Resource it depends on in the catalog; none for what runs outside.
   */
  cluster?: string;
  /** Its owning team per discipline, declared or inherited (never the spec.owner fallback); absent: none. */
  owners: Partial<Record<Discipline, string>>;
}

const hostCidr = (address: string) =>
  address.includes(':') ? `${address}/128` : `${address}/32`;

/**
 * Resolves the entities a request names from the catalog, with the caller's
 * credentials: their network facts and typed owners.
 *
 * @public
 */
export class TargetResolver {
  constructor(
    private readonly catalog: CatalogService,
    private readonly credentials: BackstageCredentials,
  ) {}

  /** The entity a request names; `field` names the input in errors. */
  async entity(ref: string, field = 'target'): Promise<Entity> {
    let normalized: string;
    try {
      normalized = normalizeEntityRef(ref, { defaultKind: 'component' });
    } catch {
      throw new InputError(`${field}: "${ref}" is not an entity reference`);
    }
    const entity = await this.catalog.getEntityByRef(normalized, {
      credentials: this.credentials,
    });
    if (!entity) {
      throw new InputError(`${field}: ${normalized} is not in the catalog`);
    }
    return entity;
  }

  /**
   * The entity a request names, with its network facts (reading its segment
   * when it lacks a zone or CIDRs), owners and cluster; `field` names the
   * input in errors.
   */
  async resolve(ref: string, field?: string): Promise<ResolvedTarget> {
    const entity = await this.entity(ref, field);
    const network = parseNetwork(entity);
    const declared = network.ok ? network.value ?? {} : {};
    let zone = declared.zone;
    let cidrs = (declared.addresses ?? []).map(hostCidr);
    if (!cidrs.length) cidrs = declared.cidrs ?? [];
    const segmentRef = tryNormalizeEntityRef(declared.segment, {
      defaultKind: 'resource',
      defaultNamespace: entity.metadata.namespace,
    });
    if (segmentRef && (!zone || !cidrs.length)) {
      const segment = await this.catalog.getEntityByRef(segmentRef, {
        credentials: this.credentials,
      });
      const segmentNetwork = segment ? parseNetwork(segment) : undefined;
      if (segmentNetwork?.ok) {
        zone = zone ?? segmentNetwork.value?.zone;
        if (!cidrs.length) cidrs = segmentNetwork.value?.cidrs ?? [];
      }
    }
    const owners = opsOwnerRefs(entity);
    const cluster = await this.#cluster(entity);
    const lifecycle =
      typeof entity.spec?.lifecycle === 'string'
        ? entity.spec.lifecycle
        : undefined;
    const system =
      typeof entity.spec?.system === 'string' ? entity.spec.system : undefined;
    return {
      entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
      entity,
      name: entity.metadata.name,
      cidrs,
      zone,
      lifecycle,
      production: lifecycle === 'production',
      dataClasses: (entity.metadata.tags ?? []).filter(t =>
        DATA_CLASS_TAGS.includes(t.toLocaleLowerCase('en-US')),
      ),
      namespace:
        entity.metadata.annotations?.[K8S_NAMESPACE] ??
        system?.replace(/^.*[:/]/, '') ??
        'default',
      cluster,
      owners,
    };
  }

  /** The target and its dependents up to `depth` hops, as change freezes scope them. */
  changeScope(targetRef: string, depth: number) {
    return changeScope(this.catalog, this.credentials, targetRef, depth);
  }

  /** The first `kubernetes-cluster` Resource among what the entity depends on. */
  async #cluster(entity: Entity): Promise<string | undefined> {
    const dependsOn = Array.isArray(entity.spec?.dependsOn)
      ? (entity.spec!.dependsOn as unknown[])
      : [];
    const resources = dependsOn.flatMap(ref => {
      const normalized = tryNormalizeEntityRef(ref, {
        defaultKind: 'resource',
        defaultNamespace: entity.metadata.namespace,
      });
      return normalized?.startsWith('resource:') ? [normalized] : [];
    });
    if (!resources.length) return undefined;
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: resources, fields: ['kind', 'metadata', 'spec.type'] },
      { credentials: this.credentials },
    );
    const cluster = items.find(e => e?.spec?.type === 'kubernetes-cluster');
    return cluster
      ? stringifyEntityRef(cluster).toLocaleLowerCase('en-US')
      : undefined;
  }
}
