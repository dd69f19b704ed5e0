import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

export interface SyncResult {
  entities: Entity[];
  fetched: number;
  removed: number;
}

const KEY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.uid',
  'metadata.etag',
];
const BATCH = 500;

/**
 * A local copy of the catalog kept up to date by deltas: each sync streams
 * only each entity's key and etag (which the catalog changes whenever the
 * stitched entity changes, relations included), fetches in full only what is
 * new or changed, and forgets what is gone. The first sync fetches all.
 */
export class CatalogEntityMirror {
  readonly #byUid = new Map<string, Entity>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async sync(): Promise<SyncResult> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const current = new Set<string>();
    const stale: string[] = [];
    for await (const page of this.catalog.streamEntities(
      { pageSize: 5000, fields: KEY_FIELDS },
      { credentials },
    )) {
      for (const key of page) {
        const uid = key.metadata.uid!;
        current.add(uid);
        if (this.#byUid.get(uid)?.metadata.etag !== key.metadata.etag) {
          stale.push(stringifyEntityRef(key));
        }
      }
    }

    let removed = 0;
    for (const uid of [...this.#byUid.keys()]) {
      if (!current.has(uid)) {
        this.#byUid.delete(uid);
        removed++;
      }
    }

    let fetched = 0;
    for (let i = 0; i < stale.length; i += BATCH) {
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: stale.slice(i, i + BATCH) },
        { credentials },
      );
      for (const entity of items) {
        if (entity?.metadata.uid) {
          this.#byUid.set(entity.metadata.uid, entity);
          fetched++;
        }
      }
    }
    return { entities: [...this.#byUid.values()], fetched, removed };
  }
}
