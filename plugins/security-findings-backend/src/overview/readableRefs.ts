import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

const BATCH = 500;

/** Which of `refs` (lower-case) the catalog lets the caller read, asked in batches of 500. */
export async function readableRefs(
  catalog: CatalogService,
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
