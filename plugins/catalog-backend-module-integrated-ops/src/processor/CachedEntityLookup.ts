import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Reads entities the processor needs (ancestors, owning groups).
 *
 * @public
 */
export interface EntityLookup {
  /** The entity with this ref, or undefined when the catalog has none. */
  get(entityRef: string): Promise<Entity | undefined>;
}

/**
 * Entity lookup through the catalog API with a short-lived cache, so that a
 * processing pass over many components of one System asks for that System
 * (and its Domain) once, not once per component.
 *
 * @public
 */
export class CachedEntityLookup implements EntityLookup {
  readonly #entries = new Map<
    string,
    { expires: number; entity: Promise<Entity | undefined> }
  >();

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly options: {
      ttlMs: number;
      maxEntries: number;
      now?: () => number;
    },
  ) {}

  /**
   * The entity with this ref (undefined when the catalog has none), from the
   * cache while younger than `ttlMs`; a failed read is not cached, and past
   * `maxEntries` the oldest entry is dropped.
   */
  async get(entityRef: string): Promise<Entity | undefined> {
    const now = (this.options.now ?? Date.now)();
    const cached = this.#entries.get(entityRef);
    if (cached && cached.expires > now) {
      return cached.entity;
    }
    const entity = this.auth
      .getOwnServiceCredentials()
      .then(credentials =>
        this.catalog.getEntityByRef(entityRef, { credentials }),
      );
    this.#entries.delete(entityRef);
    this.#entries.set(entityRef, { expires: now + this.options.ttlMs, entity });
    entity.catch(() => this.#entries.delete(entityRef));
    if (this.#entries.size > this.options.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    return entity;
  }
}
