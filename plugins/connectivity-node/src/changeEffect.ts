import { Entity } from '@backstage/catalog-model';
import {
  ConnectionDiff,
  diffConnectivity,
  Endpoint,
  formatIpRange,
  IpRange,
  matchesSelector,
  parseCidr,
  parseIpAddress,
  readManifests,
} from '@integrated-ops/plugin-connectivity-common';
import { Estate } from './Estate';

/**
 * The folder of the infrastructure repository whose manifests are modelled.
 *
 * @public
 */
export const KUBERNETES_FOLDER = 'kubernetes/';

/**
 * One connection a change adds, removes or changes: each end in entity terms
 * (the entity ref mapped to the workload, else the workload id, or an
 * address range) and in workload terms, with what is allowed before and
 * after (`TCP 5432`, `All Connections`, empty for nothing).
 *
 * @public
 */
export interface EffectConnection {
  /** Where the traffic starts: an entity ref, a workload id or an address range. */
  from: string;
  /** Where it goes. */
  to: string;
  /** The workload id behind `from` (absent for an address range). */
  fromWorkload?: string;
  /** The workload id behind `to`. */
  toWorkload?: string;
  /** What was allowed before the change; empty when nothing was. */
  before: string;
  /** What is allowed after it; empty when nothing is. */
  after: string;
  /** Whether something allowed before is not after (a removal, or a change that drops ports). */
  narrows: boolean;
}

/**
 * What a change does to the network, against main: the connections it adds,
 * removes and changes, at most `limit` of each (`truncated` says so), and
 * what in its manifests could not be read.
 *
 * @public
 */
export interface ConnectivityEffect {
  /** main's commit the effect was computed against. */
  base?: string;
  /** Connections allowed after the change and not before. */
  added: EffectConnection[];
  /** Connections allowed before the change and not after. */
  removed: EffectConnection[];
  /** Connections allowed both before and after, with other ports. */
  changed: EffectConnection[];
  /** Whether any list was cut at the limit. */
  truncated: boolean;
  /** Problems in the change's own manifests (file: message). */
  problems: string[];
}

/**
 * At most this many connections in each list of an effect.
 *
 * @public
 */
export const EFFECT_LIMIT = 100;

const isManifest = (path: string) =>
  path.startsWith(KUBERNETES_FOLDER) && /\.ya?ml$/i.test(path);

/**
 * The connectivity a change makes, computed from main's manifests and the
 * change's files (path → content, null for a deleted file) over the catalog's
 * entities. Only the workloads selected by the NetworkPolicies the change
 * touches are compared when the change touches nothing but NetworkPolicies
 * (nothing else can differ); otherwise every pair.
 *
 * @public
 */
export function connectivityEffect(options: {
  main: { commit?: string; files: Record<string, string> };
  change: Record<string, string | null>;
  catalog: readonly Entity[];
  /** main's model over `main.files` and `catalog`, when the caller has it (not built again). */
  estate?: Estate;
  /** Entities outside the cluster by their CIDRs: a range they cover is named by them. */
  ranges?: ReadonlyArray<{ entityRef: string; cidrs: readonly string[] }>;
  limit?: number;
}): ConnectivityEffect {
  const { main, change, catalog } = options;
  const nameRange = rangeNamer(options.ranges ?? []);
  const limit = options.limit ?? EFFECT_LIMIT;
  const touched = Object.keys(change).filter(
    path =>
      isManifest(path) && (change[path] ?? undefined) !== main.files[path],
  );
  const empty: ConnectivityEffect = {
    base: main.commit,
    added: [],
    removed: [],
    changed: [],
    truncated: false,
    problems: [],
  };
  if (touched.length === 0) return empty;

  const before =
    options.estate ?? Estate.build(main.files, catalog, { builtAt: '' });
  const own = readManifests(
    touched.flatMap(path =>
      change[path] === null ? [] : [{ path, content: change[path]! }],
    ),
  );
  const policiesOnly = onlyPolicies(touched, main.files, own);
  const touchedFiles = Object.fromEntries(
    touched.map(path => [path, change[path] ?? null]),
  );
  let after: Estate;
  if (policiesOnly) {
    // Only these files are read again; workloads and namespaces stay.
    after = before.withPolicies(touchedFiles, { builtAt: '' });
  } else {
    const afterFiles: Record<string, string> = { ...main.files };
    for (const path of touched) {
      const content = change[path];
      if (content === null) delete afterFiles[path];
      else afterFiles[path] = content;
    }
    after = Estate.build(afterFiles, catalog, { builtAt: '' });
  }
  const problems = after.problems
    .filter(p => touched.includes(p.file))
    .map(p => `${p.file}: ${p.message}`);

  const malformed = [before, after].some(e =>
    e.model.problems.some(p => touched.includes(p.policy.file ?? '')),
  );
  const focus =
    !malformed && policiesOnly ? selectedBy(touched, before, after) : undefined;
  const diffs = diffConnectivity(before.model, after.model, { focus });

  const side = (estate: Estate, endpoint: Endpoint) =>
    endpoint.kind === 'external'
      ? { name: nameRange(endpoint.range) }
      : {
          name: estate.owners.get(endpoint.id)?.[0] ?? endpoint.id,
          workload: endpoint.id,
        };
  const out = (d: ConnectionDiff): EffectConnection => {
    const estate = d.diffType === 'removed' ? before : after;
    const src = side(estate, d.src);
    const dst = side(estate, d.dst);
    return {
      from: src.name,
      to: dst.name,
      ...(src.workload ? { fromWorkload: src.workload } : {}),
      ...(dst.workload ? { toWorkload: dst.workload } : {}),
      before: d.before.isEmpty() ? '' : d.before.toString(),
      after: d.after.isEmpty() ? '' : d.after.toString(),
      narrows: !d.before.intersect(d.after).equals(d.before),
    };
  };
  const pick = (type: ConnectionDiff['diffType']) =>
    diffs.filter(d => d.diffType === type);
  const [added, removed, changed] = [
    pick('added'),
    pick('removed'),
    pick('changed'),
  ];
  return {
    base: main.commit,
    added: added.slice(0, limit).map(out),
    removed: removed.slice(0, limit).map(out),
    changed: changed.slice(0, limit).map(out),
    truncated: [added, removed, changed].some(list => list.length > limit),
    problems: [
      ...own.problems.map(p => `${p.file}: ${p.object}: ${p.message}`),
      ...problems,
    ].slice(0, 20),
  };
}

const compareBig = (a: bigint, b: bigint) => {
  if (a === b) return 0;
  return a < b ? -1 : 1;
};

/**
 * `entityRef (range)` for a range inside an entity's CIDRs (merged where
 * adjacent; the narrowest such entity), else the range (one address as it).
 */
function rangeNamer(
  ranges: ReadonlyArray<{ entityRef: string; cidrs: readonly string[] }>,
) {
  const covered = ranges.map(({ entityRef, cidrs }) => {
    const merged: IpRange[] = [];
    const parsed = cidrs
      .map(c => parseCidr(c) ?? parseIpAddress(c))
      .filter((r): r is IpRange => !!r)
      .sort((a, b) => a.family - b.family || compareBig(a.start, b.start));
    for (const r of parsed) {
      const last = merged[merged.length - 1];
      if (last && last.family === r.family && r.start <= last.end + 1n) {
        merged[merged.length - 1] = {
          ...last,
          end: r.end > last.end ? r.end : last.end,
        };
      } else merged.push(r);
    }
    return { entityRef, merged };
  });
  return (range: IpRange) => {
    const text =
      range.start === range.end
        ? formatIpRange(range).replace(/-.*$/, '')
        : formatIpRange(range);
    // The narrowest cover names it: a host's address before its segment's.
    let best: { entityRef: string; size: bigint } | undefined;
    for (const c of covered) {
      for (const m of c.merged) {
        const size = m.end - m.start;
        if (
          m.family === range.family &&
          m.start <= range.start &&
          range.end <= m.end &&
          (!best || size < best.size)
        ) {
          best = { entityRef: c.entityRef, size };
        }
      }
    }
    return best ? `${best.entityRef} (${text})` : text;
  };
}

/** Whether the touched files hold NetworkPolicies only, before and after. */
function onlyPolicies(
  touched: string[],
  mainFiles: Record<string, string>,
  own: ReturnType<typeof readManifests>,
): boolean {
  const was = readManifests(
    touched.flatMap(path =>
      mainFiles[path] === undefined ? [] : [{ path, content: mainFiles[path] }],
    ),
  );
  return [was, own].every(
    m =>
      m.workloads.length === 0 &&
      Object.keys(m.namespaces).length === 0 &&
      m.problems.length === 0,
  );
}

/** The workloads any policy of the touched files selects, before or after. */
function selectedBy(
  touched: string[],
  before: Estate,
  after: Estate,
): Set<string> {
  const focus = new Set<string>();
  for (const estate of [before, after]) {
    const policies = estate.model.policies.filter(p =>
      touched.includes(p.ref.file ?? ''),
    );
    for (const id of estate.model.workloadIds()) {
      const workload = estate.model.workload(id)!;
      if (
        policies.some(
          p =>
            p.ref.namespace === workload.namespace &&
            matchesSelector(p.podSelector, workload.labels),
        )
      ) {
        focus.add(id);
      }
    }
  }
  return focus;
}
