import { compareConnections, ConnectivityModel, mergeRanges } from './analyzer';
import { ConnectionSet } from './connections';
import { atomize } from './ip';
import { Endpoint } from './workloads';

/**
 * A connection that differs between two states: `added` (none before),
 * `removed` (none after) or `changed`.
 *
 * @public
 */
export interface ConnectionDiff {
  /** How the connection changed. */
  readonly diffType: 'added' | 'removed' | 'changed';
  /** Where the traffic starts. */
  readonly src: Endpoint;
  /** Where it goes. */
  readonly dst: Endpoint;
  /** What was allowed before; empty when `added`. */
  readonly before: ConnectionSet;
  /** What is allowed after; empty when `removed`. */
  readonly after: ConnectionSet;
}

/**
 * The connections that differ from `before` to `after`, sorted; workloads
 * present in one state only have no connection in the other. Address ranges
 * are cut along the ipBlocks of both states and merged back to maximal
 * ranges with the same change.
 *
 * `options.focus`: only connections from or to these workloads are
 * compared; the caller knows nothing else can differ (e.g. the workloads
 * selected by the policies a change touches). Without it, every pair.
 *
 * @public
 */
export function diffConnectivity(
  before: ConnectivityModel,
  after: ConnectivityModel,
  options: { focus?: ReadonlySet<string> } = {},
): ConnectionDiff[] {
  const { focus } = options;
  const ids = [
    ...new Set([...before.workloadIds(), ...after.workloadIds()]),
  ].sort();
  const blocks = [...before.ipBlocks(), ...after.ipBlocks()];
  const atoms = atomize(
    blocks,
    blocks.some(b => b.family === 6) ? [4, 6] : [4],
  );
  const conns = (
    model: ConnectivityModel,
    src: Endpoint,
    dst: Endpoint,
  ): ConnectionSet => {
    for (const e of [src, dst]) {
      if (e.kind === 'workload' && !model.workload(e.id)) {
        return ConnectionSet.NONE;
      }
    }
    return model.connections(src, dst);
  };
  const out: ConnectionDiff[] = [];
  const push = (
    src: Endpoint,
    dst: Endpoint,
    b: ConnectionSet,
    a: ConnectionSet,
  ) => {
    if (b.equals(a)) return;
    let diffType: ConnectionDiff['diffType'] = 'changed';
    if (b.isEmpty()) diffType = 'added';
    else if (a.isEmpty()) diffType = 'removed';
    out.push({ diffType, src, dst, before: b, after: a });
  };
  const pairWith = (s: string, d: string) => {
    const ws: Endpoint = { kind: 'workload', id: s };
    const wd: Endpoint = { kind: 'workload', id: d };
    push(ws, wd, conns(before, ws, wd), conns(after, ws, wd));
  };
  // The workloads that may have connections with `s` in either state (all
  // when either state leaves it open): a pair outside is empty in both.
  const peers = (s: string, direction: 'inbound' | 'outbound') => {
    const [b, a] = [before, after].map(m => m.possiblePeersOf(s, direction));
    return b && a ? (d: string) => b.has(d) || a.has(d) : () => true;
  };
  // Focused: each pair with a focused end once, never the whole square.
  const sources = focus ? ids.filter(id => focus.has(id)) : ids;
  for (const s of sources) {
    const reaches = peers(s, 'outbound');
    for (const d of ids) if (s !== d && reaches(d)) pairWith(s, d);
    if (focus) {
      const reached = peers(s, 'inbound');
      for (const d of ids) if (!focus.has(d) && reached(d)) pairWith(d, s);
    }
  }
  for (const s of sources) {
    const ws: Endpoint = { kind: 'workload', id: s };
    const pair = (
      src: (r: Endpoint) => Endpoint,
      dst: (r: Endpoint) => Endpoint,
    ) =>
      mergeRanges(
        atoms,
        range => {
          const ext: Endpoint = { kind: 'external', range };
          return [
            conns(before, src(ext), dst(ext)),
            conns(after, src(ext), dst(ext)),
          ] as const;
        },
        ([b, a]) => `${b}|${a}`,
      );
    for (const { range, value } of pair(
      () => ws,
      e => e,
    )) {
      push(ws, { kind: 'external', range }, value[0], value[1]);
    }
    for (const { range, value } of pair(
      e => e,
      () => ws,
    )) {
      push({ kind: 'external', range }, ws, value[0], value[1]);
    }
  }
  return out.sort(compareConnections);
}
