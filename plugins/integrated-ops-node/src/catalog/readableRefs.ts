import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';

const BATCH = 500;

/**
 * The part of the catalog service {@link readableRefs} asks.
 *
 * @public
 */
export interface EntitiesByRefsReader {
  /** The catalog's `getEntitiesByRefs`: one item per ref, undefined where the caller may not read it. */
  getEntitiesByRefs(
    request: { entityRefs: string[]; fields?: string[] },
    options: { credentials: BackstageCredentials },
  ): Promise<{ items: (Entity | undefined)[] }>;
}

/**
 * Which of `refs` the catalog lets the caller read (lower-case refs), asked
 * in batches of 500: what lists and counts of entities are filtered by.
 *
 * @public
 */
export async function readableRefs(
  catalog: EntitiesByRefsReader,
  refs: string[],
  credentials: BackstageCredentials,
): Promise<Set<string>> {
  const readable = new Set<string>();
  for (let i = 0; i < refs.length; i += BATCH) {
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs: refs.slice(i, i + BATCH),
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    for (const e of items) {
      if (e) readable.add(stringifyEntityRef(e).toLocaleLowerCase('en-US'));
    }
  }
  return readable;
}
