import { Entity, stringifyEntityRef } from '@backstage/catalog-model';

/** What is typed, as a catalog search term: the name part of a ref, lower-case. */
export function searchTerm(typed: string): string {
  const t = typed.trim().toLocaleLowerCase('en-US');
  return t.slice(t.lastIndexOf('/') + 1).replace(/^[a-z]+:/, '');
}

const words = (text: string) => text.split(/[\s\-_.()/]+/).filter(Boolean);

/**
 * How well an entity matches what was typed, best 0: its ref exactly, its
 * name or title exactly, name or title starting with it, a word of either
 * starting with it, then anywhere in them (in the ref only when a ref is
 * being typed); undefined when not at all.
 */
export function relevance(entity: Entity, typed: string): number | undefined {
  const q = typed.trim().toLocaleLowerCase('en-US');
  if (!q) return 5;
  const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const name = entity.metadata.name.toLocaleLowerCase('en-US');
  const title = (entity.metadata.title ?? '').toLocaleLowerCase('en-US');
  const typingRef = /[:/]/.test(q);
  const term = searchTerm(typed);
  if (ref === q) return 0;
  if (!term) return ref.startsWith(q) ? 2 : undefined; // `component:` so far
  if (name === term || title === q) return 1;
  if (name.startsWith(term) || title.startsWith(q)) return 2;
  if ([...words(name), ...words(title)].some(w => w.startsWith(term))) return 3;
  if (name.includes(term) || title.includes(q)) return 4;
  return typingRef && ref.includes(q) ? 4 : undefined;
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
