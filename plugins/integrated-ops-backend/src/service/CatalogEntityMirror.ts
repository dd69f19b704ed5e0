import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** What one sync found: the changes since the last one, and the whole mirror. */
export interface SyncResult {
  /** New entities and new versions of known ones. */
  upserted: Entity[];
  /** Lower-case refs of entities no longer in the catalog. */
  removed: string[];
  /** Every entity the mirror now holds. */
  entities(): Iterable<Entity>;
}

const KEY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
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
  /** Keyed by lower-case entity ref. */
  readonly #byRef = new Map<string, Entity>();

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
        const ref = stringifyEntityRef(key).toLocaleLowerCase('en-US');
        current.add(ref);
        const known = this.#byRef.get(ref);
        // No etag to compare (never the case in the real catalog): fetch again.
        if (
          !known ||
          !key.metadata.etag ||
          known.metadata.etag !== key.metadata.etag
        ) {
          stale.push(ref);
        }
      }
    }

    const removed: string[] = [];
    for (const ref of [...this.#byRef.keys()]) {
      if (!current.has(ref)) {
        this.#byRef.delete(ref);
        removed.push(ref);
      }
    }

    const upserted: Entity[] = [];
    for (const [ref, entity] of await this.#read(stale, credentials)) {
      if (entity) {
        this.#byRef.set(ref, entity);
        upserted.push(entity);
      }
    }
    return { upserted, removed, entities: () => this.#byRef.values() };
  }

  /**
   * Reads the given entities again and keeps the versions that differ from
   * the mirror's (by etag). Refs the catalog does not serve yet, or serves
   * unchanged, come back as `unchanged`: the caller may ask again later.
   */
  async refetch(
    refs: string[],
  ): Promise<{ upserted: Entity[]; unchanged: string[] }> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const upserted: Entity[] = [];
    const unchanged: string[] = [];
    for (const [ref, entity] of await this.#read(refs, credentials)) {
      if (
        !entity ||
        this.#byRef.get(ref)?.metadata.etag === entity.metadata.etag
      ) {
        unchanged.push(ref);
      } else {
        this.#byRef.set(ref, entity);
        upserted.push(entity);
      }
    }
    return { upserted, unchanged };
  }

  /** The entities the catalog serves for these (lower-case) refs, BATCH at a time. */
  async #read(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<[string, Entity | undefined][]> {
    const read: [string, Entity | undefined][] = [];
    for (let i = 0; i < refs.length; i += BATCH) {
      const batch = refs.slice(i, i + BATCH);
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: batch },
        { credentials },
      );
      items.forEach((entity, n) => read.push([batch[n], entity ?? undefined]));
    }
    return read;
  }
}
