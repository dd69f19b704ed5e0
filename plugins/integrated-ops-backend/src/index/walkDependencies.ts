import { CanRead, readsEverything } from './canRead';

export interface Reached {
  entityRef: string;
  hop: number;
  via: string;
}

/**
 * Breadth-first walk from `start` along `edges` up to `depth` hops. Each
 * entity is reported once, at its shortest distance. An entity the caller
 * may not read is treated as absent: neither listed nor walked through.
 */
export function walkDependencies(
  start: string,
  depth: number,
  edges: Map<string, string[]>,
  canRead: CanRead = readsEverything,
): Reached[] {
  const seen = new Set([start]);
  const reached: Reached[] = [];
  let frontier = [start];
  for (let hop = 1; hop <= depth && frontier.length; hop++) {
    const next: string[] = [];
    for (const from of frontier) {
      for (const to of edges.get(from) ?? []) {
        if (seen.has(to) || !canRead(to)) continue;
        seen.add(to);
        reached.push({ entityRef: to, hop, via: from });
        next.push(to);
      }
    }
    frontier = next;
  }
  return reached;
}
