import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import {
  DISCIPLINE_TITLES,
  DISCIPLINES,
  parseNetwork,
  readEffectiveOwners,
} from '@integrated-ops/plugin-integrated-ops-common';
import { Readable } from 'stream';

/**
 * The search document type of this collator.
 *
 * @public
 */
export const OPS_OWNERSHIP_TYPE = 'ops-ownership';

/**
 * A searchable entity with its three owners; `location` opens the lookup answer.
 *
 * @public
 */
export interface OpsOwnershipDocument extends IndexableDocument {
  /** The entity's ref, lower-cased (`kind:namespace/name`). */
  entityRef: string;
  /** The entity's kind as written in the catalog (Component, System, Resource or API). */
  kind: string;
  /** Owning team refs by discipline (absent: no owner). */
  owners: { netops?: string; devops?: string; secops?: string };
}

const KINDS = ['Component', 'System', 'Resource', 'API'];
const short = (ref: string) => ref.replace(/^[a-z]+:(default\/)?/, '');

/**
 * One entity as a document: its names, hostnames, addresses and owners, all searchable.
 *
 * @public
 */
export function ownershipDocument(entity: Entity): OpsOwnershipDocument {
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const parsed = parseNetwork(entity);
  const network = parsed.ok ? parsed.value ?? {} : {};
  const effective = readEffectiveOwners(entity);
  const owners: OpsOwnershipDocument['owners'] = {};
  for (const d of DISCIPLINES) {
    if (effective[d].owner) owners[d] = effective[d].owner;
  }
  const ownersText = DISCIPLINES.map(
    d => `${DISCIPLINE_TITLES[d]}: ${owners[d] ? short(owners[d]!) : 'none'}`,
  ).join(' · ');
  return {
    title: entity.metadata.title ?? entity.metadata.name,
    text: [
      ownersText,
      ...(network.hostnames ?? []),
      ...(network.addresses ?? []),
      ...(network.cidrs ?? []),
      entity.metadata.name,
      entity.metadata.description ?? '',
    ]
      .filter(Boolean)
      .join(' '),
    location: `/ops-lookup?q=${encodeURIComponent(entityRef)}`,
    entityRef,
    kind: entity.kind,
    owners,
    // The search backend shows a document only to who may read the entity.
    authorization: { resourceRef: entityRef },
  };
}

/**
 * Indexes components, systems, resources and APIs with their hostnames,
 * addresses and NetOps / DevOps / SecOps owners, read from the catalog as
 * this plugin; each result is visible to those who may read the entity.
 *
 * @public
 */
export class OpsOwnershipCollatorFactory implements DocumentCollatorFactory {
  /** The search document type this collator writes: {@link OPS_OWNERSHIP_TYPE}. */
  readonly type = OPS_OWNERSHIP_TYPE;
  /** Catalog entity read: the search backend shows a document only to who may read its entity. */
  readonly visibilityPermission = catalogEntityReadPermission;

  constructor(
    private readonly options: { catalog: CatalogService; auth: AuthService },
  ) {}

  /**
   * Streams one document per component, system, resource and API in the
   * catalog, read page by page with this plugin's own service credentials.
   */
  async getCollator(): Promise<Readable> {
    const { catalog, auth } = this.options;
    return Readable.from(
      (async function* documents() {
        const credentials = await auth.getOwnServiceCredentials();
        for await (const page of catalog.streamEntities(
          { filter: { kind: KINDS } },
          { credentials },
        )) {
          for (const entity of page) yield ownershipDocument(entity);
        }
      })(),
    );
  }
}
