import {
  ConnectionSet,
  Endpoint,
  parseCidr,
  parseIpAddress,
  Protocol,
} from '@integrated-ops/plugin-connectivity-common';
import { Estate } from './Estate';

/**
 * A NetworkPolicy rule that allows a flow, with what the portal wrote on it
 * when it rendered it (a hand-written policy has none of those).
 *
 * @public
 */
export interface AllowingRule {
  /** `namespace/name` of the NetworkPolicy. */
  policy: string;
  /** Its file in the repository. */
  file?: string;
  /** Which side's rule: the source's Egress or the destination's Ingress. */
  direction: 'Ingress' | 'Egress';
  /** `integrated-ops.io/expires-at`: the day it ends, or `never`. */
  expiresAt?: string;
  /** `integrated-ops.io/requested-by`. */
  requestedBy?: string;
  /** `integrated-ops.io/change-request`: the request that added it. */
  changeRequest?: string;
}

/**
 * Whether every port of a flow is allowed on a state of the repository, and
 * the rules that allow it; undefined when an end runs no workload the model
 * knows (nothing to say).
 *
 * @public
 */
export interface FlowVerdict {
  /** Every requested port is allowed, at both ends. */
  allowed: boolean;
  /** The rules that allow it (when allowed), one per policy and direction. */
  rules: AllowingRule[];
}

/**
 * A port or range of one protocol, as a change intent asks for it.
 *
 * @public
 */
export interface FlowPorts {
  /** tcp, udp or sctp (others are not NetworkPolicy protocols). */
  protocol: string;
  /** First port. */
  from: number;
  /** Last port (= from for one port). */
  to: number;
}

/**
 * One end of a flow: an entity (its workloads, when it runs any the model
 * knows) and its address ranges (used when it runs none: a database or an
 * appliance outside the cluster, or a range outside the catalog).
 *
 * @public
 */
export interface FlowEnd {
  /** The entity's ref, when the end is an entity. */
  entityRef?: string;
  /** Its CIDRs. */
  cidrs?: readonly string[];
}

const workloadsOf = (estate: Estate, end: FlowEnd): Endpoint[] =>
  (end.entityRef
    ? estate.entities.get(end.entityRef.toLocaleLowerCase('en-US')) ?? []
    : []
  ).map(id => ({ kind: 'workload', id }));

/** An end's address ranges, each probed at its first address. */
const addressesOf = (end: FlowEnd): Endpoint[] =>
  (end.cidrs ?? []).flatMap(cidr => {
    const range = parseCidr(cidr) ?? parseIpAddress(cidr);
    return range
      ? [{ kind: 'external' as const, range: { ...range, end: range.start } }]
      : [];
  });

/**
 * The pairs a flow is judged on. `pods`: the ends' workloads (an end that
 * runs none by its addresses). `addresses` (ends on different clusters, or
 * none known, as the portal renders them): the source's pods to the
 * destination's addresses for egress, the source's addresses to the
 * destination's pods for ingress.
 */
function pairsOf(
  estate: Estate,
  from: FlowEnd,
  to: FlowEnd,
  via: 'pods' | 'addresses',
): Array<{ src: Endpoint; dst: Endpoint; sides: Array<'egress' | 'ingress'> }> {
  const srcPods = workloadsOf(estate, from);
  const dstPods = workloadsOf(estate, to);
  if (via === 'pods') {
    const srcs = srcPods.length ? srcPods : addressesOf(from);
    const dsts = dstPods.length ? dstPods : addressesOf(to);
    return srcs.flatMap(src =>
      dsts.map(dst => ({
        src,
        dst,
        sides: ['egress', 'ingress'] as Array<'egress' | 'ingress'>,
      })),
    );
  }
  return [
    ...srcPods.flatMap(src =>
      addressesOf(to).map(dst => ({ src, dst, sides: ['egress' as const] })),
    ),
    ...addressesOf(from).flatMap(src =>
      dstPods.map(dst => ({ src, dst, sides: ['ingress' as const] })),
    ),
  ];
}

/**
 * Whether the estate allows `from` to reach `to` on every one of `ports`,
 * with the rules that do; undefined when an end is neither a workload the
 * model knows nor an address range, or no port is a NetworkPolicy protocol.
 *
 * @public
 */
export function flowOnMain(
  estate: Estate,
  from: FlowEnd,
  to: FlowEnd,
  ports: readonly FlowPorts[],
  options: { via?: 'pods' | 'addresses' } = {},
): FlowVerdict | undefined {
  const pairs = pairsOf(estate, from, to, options.via ?? 'pods');
  const wanted = ports.flatMap(p => {
    const protocol = p.protocol.toUpperCase() as Protocol;
    return ['TCP', 'UDP', 'SCTP'].includes(protocol)
      ? [{ protocol, from: p.from, to: p.to }]
      : [];
  });
  // Between two address ranges is not the cluster's network.
  const judged = pairs.filter(
    p => p.src.kind === 'workload' || p.dst.kind === 'workload',
  );
  if (!judged.length || wanted.length === 0) return undefined;
  const rules = new Map<string, AllowingRule>();
  let allowed = true;
  for (const { src, dst, sides } of judged) {
    const conns = estate.model.connections(src, dst);
    for (const want of wanted) {
      const asked = ConnectionSet.of(want.protocol, want.from, want.to);
      if (!asked.intersect(conns).equals(asked)) allowed = false;
      const verdict = estate.model.evaluate(src, dst, want.protocol, want.from);
      for (const side of sides.map(s => verdict[s])) {
        // A side that isolates nothing allows by default: no rule to name.
        for (const rule of side.isolated ? side.allowingRules : []) {
          const key = `${rule.policy.namespace}/${rule.policy.name}|${rule.direction}`;
          if (rules.has(key)) continue;
          rules.set(key, {
            policy: `${rule.policy.namespace}/${rule.policy.name}`,
            ...(rule.policy.file ? { file: rule.policy.file } : {}),
            direction: rule.direction,
            ...estate.policyNotes(rule.policy.namespace, rule.policy.name),
          });
        }
      }
    }
  }
  return { allowed, rules: allowed ? [...rules.values()] : [] };
}

// An address no rule names in practice (TEST-NET-1): isolation does not
// depend on the peer, only on the policies selecting the source.
const PROBE = parseIpAddress('192.0.2.1')!;

/**
 * Whether the entity's pods are isolated for egress on this state (some
 * NetworkPolicy selecting them lists Egress): then a flow from them needs an
 * egress rule at the source besides the destination's ingress rule, and
 * without such isolation adding one would cut every other egress.
 *
 * @public
 */
export function egressIsolated(estate: Estate, entityRef: string): boolean {
  const ids = estate.entities.get(entityRef.toLocaleLowerCase('en-US')) ?? [];
  return ids.some(
    id =>
      estate.model.evaluate(
        { kind: 'workload', id },
        { kind: 'external', range: PROBE },
        'TCP',
        443,
      ).egress.isolated,
  );
}
