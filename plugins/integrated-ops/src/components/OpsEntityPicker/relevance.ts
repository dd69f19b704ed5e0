import { Entity, stringifyEntityRef } from '@backstage/catalog-model';

/** What is typed, as a catalog search term: the name part of a ref, lower-case. */
export function searchTerm(typed: string): string {
  const t = typed.trim().toLocaleLowerCase('en-US');
  return t.slice(t.lastIndexOf('/') + 1).replace(/^[a-z]+:/, '');
}

/**
 * How well an entity matches what was typed, best 0: the ref or name
 * exactly, the title exactly, name or title starting with it, a word of
 * the title starting with it, then anywhere; undefined when not at all.
 */
export function relevance(entity: Entity, typed: string): number | undefined {
  const q = typed.trim().toLocaleLowerCase('en-US');
  if (!q) return 5;
  const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const name = entity.metadata.name.toLocaleLowerCase('en-US');
  const title = (entity.metadata.title ?? '').toLocaleLowerCase('en-US');
  const term = searchTerm(typed);
  if (ref === q || name === q || name === term) return 0;
  if (title === q) return 1;
  if (name.startsWith(term) || title.startsWith(q)) return 2;
  if (title.split(/[\s\-()/]+/).some(w => w.startsWith(q))) return 3;
  if (name.includes(term) || title.includes(q) || ref.includes(q)) return 4;
  return undefined;
}

/** The entities that match, best first, then by title. */
export function byRelevance(entities: Entity[], typed: string): Entity[] {
  return entities
    .map(e => ({ e, r: relevance(e, typed) }))
    .filter((x): x is { e: Entity; r: number } => x.r !== undefined)
    .sort(
      (a, b) =>
        a.r - b.r ||
        (a.e.metadata.title ?? a.e.metadata.name).localeCompare(
          b.e.metadata.title ?? b.e.metadata.name,
        ),
    )
    .map(x => x.e);
}
