/*
 * The entities the sample catalog declares, read the way the catalog reads them:
 * starting at the configured Location files and following their targets.
 */
import { readFileSync } from 'fs';
import { dirname, resolve } from 'path';
import { parseAllDocuments } from 'yaml';

const repoRoot = resolve(__dirname, '../..');

export const sampleLocations = ['catalog/all.yaml', 'templates/all.yaml'];

function entityRefsIn(file: string, seen: Set<string>): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const refs: string[] = [];
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const entity = doc.toJS();
    if (!entity) continue;
    const namespace = entity.metadata.namespace ?? 'default';
    refs.push(
      `${entity.kind}:${namespace}/${entity.metadata.name}`.toLowerCase(),
    );
    if (entity.kind === 'Location') {
      for (const target of entity.spec.targets ?? []) {
        refs.push(...entityRefsIn(resolve(dirname(file), target), seen));
      }
    }
  }
  return refs;
}

/** Every entity ref (lower-case) declared by the sample catalog and templates. */
export function sampleEntityRefs(): string[] {
  const seen = new Set<string>();
  return sampleLocations.flatMap(l => entityRefsIn(resolve(repoRoot, l), seen));
}
