import {
  parseEntityRef,
  stringifyEntityRef,
  Entity,
} from '@backstage/catalog-model';
import {
  NoMatchHelp,
  summarizeAnswer,
} from '@integrated-ops/plugin-integrated-ops-common';
import { distance } from 'fastest-levenshtein';
import { CanRead } from '../index/canRead';
import { ClassifiedQuery } from '../index/classifyQuery';
import { OwnershipIndex } from '../index/OwnershipIndex';
import {
  AnswerOptions,
  buildOwnershipAnswer,
  escalationStep,
} from './buildOwnershipAnswer';

/** Suggestions listed at most. */
export const MAX_SUGGESTIONS = 5;
/** Queries longer than this get no suggestions (nobody mistypes 64 characters). */
const MAX_SUGGESTED_QUERY = 64;
/** An address's nearest segment shares at least its /16 (IPv4) or /48 (IPv6). */
const MIN_COMMON_BITS = { ipv4: 16, ipv6: 48 };
/** A hostname's neighbours share a parent domain of at least three labels. */
const MIN_PARENT_LABELS = 3;
/** Kinds worth suggesting: what the lookup answers for, and teams. */
const SUGGESTED_KINDS = new Set([
  'component',
  'resource',
  'api',
  'system',
  'domain',
  'group',
]);

const lower = (text: string) => text.toLocaleLowerCase('en-US');

/** Edits allowed for a query of this length: 1 up to 9 characters, then 2, then 3. */
const allowedEdits = (length: number) =>
  Math.min(3, Math.max(1, Math.floor(length / 5)));

/**
 * Edit distance from the query to the text, or to the text's start when the
 * text is longer (`fraud-scorng` is one edit from the start of
 * `fraud-scoring-service`); undefined beyond `allowed`. The rank puts a
 * whole-text match before a start-of-text match of as many edits.
 */
function nearness(query: string, text: string, allowed: number) {
  let edits = Infinity;
  let rank = Infinity;
  if (Math.abs(text.length - query.length) <= allowed) {
    edits = distance(query, text);
    rank = edits;
  }
  if (text.length > query.length) {
    for (let cut = query.length - 1; cut <= query.length + 1; cut++) {
      if (cut <= 0 || cut >= text.length) continue;
      const start = distance(query, text.slice(0, cut));
      if (start + 0.5 < rank) {
        edits = start;
        rank = start + 0.5;
      }
    }
  }
  return edits <= allowed ? { edits, rank } : undefined;
}

type Suggestion = NoMatchHelp['suggestions'][number];

function suggestionsFor(
  index: OwnershipIndex,
  text: string,
  canRead: CanRead,
): Suggestion[] {
  const query = lower(text);
  if (!query || query.length > MAX_SUGGESTED_QUERY) return [];
  const allowed = allowedEdits(query.length);
  const found = new Map<string, Suggestion & { rank: number }>();
  const offer = (
    ref: string,
    near: string,
    matchedBy: Suggestion['matchedBy'],
    entity: Entity,
  ) => {
    const closeness = nearness(query, lower(near), allowed);
    if (!closeness) return;
    const seen = found.get(ref);
    if (seen && seen.rank <= closeness.rank) return;
    found.set(ref, {
      entityRef: ref,
      title: entity.metadata.title,
      text: near,
      matchedBy,
      distance: closeness.edits,
      rank: closeness.rank,
    });
  };
  for (const [ref, entity] of index.entities) {
    if (!SUGGESTED_KINDS.has(lower(entity.kind)) || !canRead(ref)) continue;
    offer(ref, entity.metadata.name, 'name', entity);
    if (entity.metadata.title)
      offer(ref, entity.metadata.title, 'title', entity);
  }
  for (const [host, owners] of index.byHostname) {
    for (const { ref } of owners) {
      const entity = index.entity(ref);
      if (entity && canRead(ref)) offer(ref, host, 'hostname', entity);
    }
  }
  return [...found.values()]
    .sort((a, b) => a.rank - b.rank || a.entityRef.localeCompare(b.entityRef))
    .slice(0, MAX_SUGGESTIONS)
    .map(({ rank: _rank, ...suggestion }) => suggestion);
}

function nearestSegment(
  index: OwnershipIndex,
  address: string,
  canRead: CanRead,
) {
  const block = index.segments.nearest(address, MIN_COMMON_BITS);
  const ref = block?.values.find(canRead);
  if (!block || !ref) return undefined;
  return {
    entityRef: ref,
    why: `${address} is in no declared segment; the nearest by address is ${block.cidr} (the first ${block.commonBits} bits are the same)`,
  };
}

/** The System most hostnames under the query's parent domain belong to. */
function nearestSystem(
  index: OwnershipIndex,
  hostname: string,
  canRead: CanRead,
) {
  const parent = hostname.split('.').slice(1);
  if (parent.length < MIN_PARENT_LABELS) return undefined;
  const suffix = `.${parent.join('.')}`;
  const systems = new Map<string, number>();
  for (const [host, owners] of index.byHostname) {
    if (!host.endsWith(suffix)) continue;
    for (const { ref } of owners) {
      const system = index.entity(ref)?.spec?.system;
      if (!canRead(ref) || typeof system !== 'string') continue;
      const systemRef = lower(
        stringifyEntityRef(
          parseEntityRef(system, {
            defaultKind: 'system',
            defaultNamespace: parseEntityRef(ref).namespace,
          }),
        ),
      );
      if (index.entity(systemRef) && canRead(systemRef)) {
        systems.set(systemRef, (systems.get(systemRef) ?? 0) + 1);
      }
    }
  }
  const [best] = [...systems].sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  if (!best) return undefined;
  return {
    entityRef: best[0],
    why: `${best[1]} hostname${best[1] === 1 ? '' : 's'} under ${suffix.slice(
      1,
    )} belong to it`,
  };
}

/**
 * What a lookup that matched nothing answers instead of nothing: whom to
 * call (the configured no-owner escalation, as for an entity without an
 * owner), the nearest owned segment or System, and near names. One pass over
 * the index's entities and hostnames, only when nothing matched.
 */
export function noMatchHelp(
  index: OwnershipIndex,
  query: ClassifiedQuery,
  at: Date,
  canRead: CanRead,
  options: AnswerOptions,
): NoMatchHelp {
  let nearest: { entityRef: string; why: string } | undefined;
  let text: string | undefined;
  switch (query.kind) {
    case 'ip':
      nearest = nearestSegment(index, query.address, canRead);
      break;
    case 'cidr':
      nearest = nearestSegment(index, query.network, canRead);
      break;
    case 'url':
    case 'hostname':
      nearest = nearestSystem(index, query.hostname, canRead);
      text = query.hostname;
      break;
    case 'ref':
      text = parseEntityRef(query.ref).name;
      break;
    default:
      text = query.name;
  }
  const escalateTo = options.noOwnerEscalation
    ? escalationStep(index, options.noOwnerEscalation, 1, at, options.providers)
    : undefined;
  return {
    ...(escalateTo ? { escalateTo } : {}),
    ...(nearest
      ? {
          nearest: {
            ...nearest,
            summary: summarizeAnswer(
              buildOwnershipAnswer(
                index,
                nearest.entityRef,
                at,
                options,
                'brief',
              ),
            ),
          },
        }
      : {}),
    suggestions: text ? suggestionsFor(index, text, canRead) : [],
  };
}
