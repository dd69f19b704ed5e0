import { ConnectionSet, Protocol } from './connections';
import { atomize, compareRanges, IpRange, rangeContains } from './ip';
import {
  CompiledPeer,
  CompiledPolicy,
  CompiledRule,
  compilePolicy,
  Direction,
  NetworkPolicyInput,
  PolicyRef,
  RuleRef,
} from './policy';
import { Labels, matchesSelector } from './selectors';
import { Endpoint, endpointName, Workload, workloadId } from './workloads';

/**
 * A NetworkPolicy and the file it was read from.
 *
 * @public
 */
export interface PolicySource {
  /** The NetworkPolicy as read, not yet validated. */
  readonly policy: NetworkPolicyInput;
  /** The path of the file it was read from; absent when it was not read from one. */
  readonly file?: string;
}

/**
 * A policy left out of the analysis because it is malformed.
 *
 * @public
 */
export interface PolicyProblem {
  /** The policy left out. */
  readonly policy: PolicyRef;
  /** What is wrong with it, one message per problem, each naming the field. */
  readonly problems: readonly string[];
}

/**
 * The connections allowed from one endpoint to another.
 *
 * @public
 */
export interface Connection {
  /** Where the traffic starts. */
  readonly src: Endpoint;
  /** Where it goes. */
  readonly dst: Endpoint;
  /** The protocols and ports allowed from `src` to `dst`; never empty. */
  readonly conns: ConnectionSet;
}

/**
 * One side's verdict on a connection: whether the side is isolated for its
 * direction (by which policies), and which rules allow the connection.
 *
 * @public
 */
export interface SideVerdict {
  /** Egress for the source side, Ingress for the destination side. */
  readonly direction: Direction;
  /** The workload on this side; absent for an address outside the cluster. */
  readonly workload?: string;
  /** Whether some policy selects the workload for this direction; never for an outside address. */
  readonly isolated: boolean;
  /** The policies that isolate it; empty when not isolated. */
  readonly isolatingPolicies: readonly PolicyRef[];
  /** The rules that allow the connection on this side; empty when none does. */
  readonly allowingRules: readonly RuleRef[];
  /** Whether this side lets the connection through: not isolated, or some rule allows it. */
  readonly allowed: boolean;
}

/**
 * The verdict on one connection: allowed when egress is allowed at the source
 * and ingress at the destination.
 *
 * @public
 */
export interface Verdict {
  /** Whether the connection is allowed: both sides let it through. */
  readonly allowed: boolean;
  /** The source side's verdict. */
  readonly egress: SideVerdict;
  /** The destination side's verdict. */
  readonly ingress: SideVerdict;
}

const METADATA_NAME = 'kubernetes.io/metadata.name';
/** The most endpoint pairs whose connections a model keeps. */
const MAX_CACHED_PAIRS = 1_000_000;

interface Indexed {
  readonly workload: Workload;
  readonly id: string;
  readonly namespaceLabels: Labels;
  readonly ingress: readonly CompiledPolicy[];
  readonly egress: readonly CompiledPolicy[];
}

function compareEndpoints(a: Endpoint, b: Endpoint): number {
  if (a.kind === 'external' && b.kind === 'external') {
    return compareRanges(a.range, b.range);
  }
  if (a.kind === 'external') return -1;
  if (b.kind === 'external') return 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/**
 * Orders connections by source, then destination (addresses first, by
 * address; workloads by name).
 *
 * @public
 */
export function compareConnections(
  a: { readonly src: Endpoint; readonly dst: Endpoint },
  b: { readonly src: Endpoint; readonly dst: Endpoint },
): number {
  return compareEndpoints(a.src, b.src) || compareEndpoints(a.dst, b.dst);
}

/**
 * Merges neighbouring address ranges that get the same value (by `key`) into
 * maximal ranges. @internal
 */
export function mergeRanges<T>(
  atoms: readonly IpRange[],
  value: (range: IpRange) => T,
  key: (v: T) => string,
): Array<{ range: IpRange; value: T }> {
  const out: Array<{ range: IpRange; value: T; key: string }> = [];
  for (const atom of atoms) {
    const v = value(atom);
    const k = key(v);
    const last = out[out.length - 1];
    if (
      last &&
      last.key === k &&
      last.range.family === atom.family &&
      last.range.end + 1n === atom.start
    ) {
      last.range = { ...last.range, end: atom.end };
    } else {
      out.push({ range: atom, value: v, key: k });
    }
  }
  return out.map(({ range, value: v }) => ({ range, value: v }));
}

/**
 * The connectivity of a set of workloads under a set of NetworkPolicies, as
 * the Kubernetes API reference defines it (networking.k8s.io/v1). Pure and
 * synchronous; build it with {@link analyzeConnectivity}.
 *
 * @public
 */
export class ConnectivityModel {
  private readonly byId = new Map<string, Indexed>();
  /** Workloads by namespace and namespace labels: what a pods peer selects by. */
  private readonly groups = new Map<
    string,
    { namespace: string; namespaceLabels: Labels; members: Indexed[] }
  >();
  private readonly cache = new Map<string, ConnectionSet>();
  /** The valid policies, compiled. */
  readonly policies: readonly CompiledPolicy[];
  /** The policies left out as malformed, with what is wrong with each. */
  readonly problems: readonly PolicyProblem[];

  constructor(
    workloads: readonly Workload[],
    policies: readonly CompiledPolicy[],
    problems: readonly PolicyProblem[] = [],
  ) {
    this.policies = policies;
    this.problems = problems;
    // A policy selects pods of its own namespace only: look there alone.
    const byNamespace = new Map<string, CompiledPolicy[]>();
    for (const p of policies) {
      const list = byNamespace.get(p.ref.namespace) ?? [];
      list.push(p);
      byNamespace.set(p.ref.namespace, list);
    }
    for (const workload of workloads) {
      const id = workloadId(workload);
      const namespaceLabels = {
        [METADATA_NAME]: workload.namespace,
        ...workload.namespaceLabels,
      };
      const selecting = (byNamespace.get(workload.namespace) ?? []).filter(p =>
        matchesSelector(p.podSelector, workload.labels),
      );
      const indexed: Indexed = {
        workload,
        id,
        namespaceLabels,
        ingress: selecting.filter(p => p.ingress),
        egress: selecting.filter(p => p.egress),
      };
      this.byId.set(id, indexed);
      const key = JSON.stringify([
        workload.namespace,
        Object.entries(namespaceLabels).sort(([a], [b]) => (a < b ? -1 : 1)),
      ]);
      const group = this.groups.get(key) ?? {
        namespace: workload.namespace,
        namespaceLabels,
        members: [] as Indexed[],
      };
      group.members.push(indexed);
      this.groups.set(key, group);
    }
  }

  /**
   * The workloads that may have connections with this one in a direction
   * (`outbound`: it reaches them; `inbound`: they reach it) - those its
   * rules select where it is isolated for that direction; undefined when
   * any may. An unknown workload has none.
   */
  possiblePeersOf(
    id: string,
    direction: 'inbound' | 'outbound',
  ): ReadonlySet<string> | undefined {
    const subject = this.byId.get(id);
    if (!subject) return new Set();
    return this.possiblePeers(
      subject,
      direction === 'inbound' ? 'Ingress' : 'Egress',
    );
  }

  /**
   * The workloads that some rule of the subject's policies for `direction`
   * could let through as its peer; undefined when any workload could (the
   * subject is not isolated for it, or a rule names no peers). Where the
   * subject is isolated, a workload outside this set has no connection
   * with it in that direction, whatever the other side allows: questions
   * about one workload look at these alone, not at the whole estate.
   */
  private possiblePeers(
    subject: Indexed,
    direction: Direction,
  ): Set<string> | undefined {
    const policies = direction === 'Ingress' ? subject.ingress : subject.egress;
    if (policies.length === 0) return undefined;
    const ids = new Set<string>();
    for (const policy of policies) {
      const rules =
        (direction === 'Ingress' ? policy.ingress : policy.egress) ?? [];
      for (const rule of rules) {
        if (!rule.peers) return undefined;
        for (const peer of rule.peers) {
          if (peer.kind !== 'pods') continue;
          for (const group of this.groups.values()) {
            const namespaceOk = peer.namespaceSelector
              ? matchesSelector(peer.namespaceSelector, group.namespaceLabels)
              : group.namespace === policy.ref.namespace;
            if (!namespaceOk) continue;
            for (const member of group.members) {
              if (
                !peer.podSelector ||
                matchesSelector(peer.podSelector, member.workload.labels)
              ) {
                ids.add(member.id);
              }
            }
          }
        }
      }
    }
    return ids;
  }

  /** The ids (`namespace/name[Kind]`) of the workloads, sorted. */
  workloadIds(): string[] {
    return [...this.byId.keys()].sort();
  }

  /** The workload with this id, if any. */
  workload(id: string): Workload | undefined {
    return this.byId.get(id)?.workload;
  }

  /**
   * The valid policies that select the workload, per direction they isolate
   * it for (those listing the direction in their policyTypes): a workload
   * is isolated for a direction when its list is not empty.
   */
  selectedBy(id: string): {
    ingress: readonly PolicyRef[];
    egress: readonly PolicyRef[];
  } {
    const found = this.byId.get(id);
    if (!found) throw new Error(`unknown workload ${id}`);
    return {
      ingress: found.ingress.map(p => p.ref),
      egress: found.egress.map(p => p.ref),
    };
  }

  /** Every range named by an ipBlock (cidr or except) of a valid policy. */
  ipBlocks(): IpRange[] {
    const blocks: IpRange[] = [];
    for (const policy of this.policies) {
      for (const rule of [
        ...(policy.ingress ?? []),
        ...(policy.egress ?? []),
      ]) {
        for (const peer of rule.peers ?? []) {
          if (peer.kind === 'ipBlock') blocks.push(peer.cidr, ...peer.except);
        }
      }
    }
    return blocks;
  }

  private peerMatches(
    peer: CompiledPeer,
    policyNamespace: string,
    endpoint: Endpoint,
  ): boolean {
    if (endpoint.kind === 'external') {
      // ipBlock peers are for addresses outside the cluster; pod selectors
      // never match them.
      return (
        peer.kind === 'ipBlock' &&
        rangeContains(peer.cidr, endpoint.range) &&
        !peer.except.some(
          e =>
            e.family === endpoint.range.family &&
            e.start <= endpoint.range.end &&
            endpoint.range.start <= e.end,
        )
      );
    }
    if (peer.kind !== 'pods') return false;
    const target = this.byId.get(endpoint.id)!;
    const namespaceOk = peer.namespaceSelector
      ? matchesSelector(peer.namespaceSelector, target.namespaceLabels)
      : target.workload.namespace === policyNamespace;
    return (
      namespaceOk &&
      (!peer.podSelector ||
        matchesSelector(peer.podSelector, target.workload.labels))
    );
  }

  private ruleConnections(rule: CompiledRule, dst: Endpoint): ConnectionSet {
    if (!rule.ports) return ConnectionSet.ALL;
    const target = dst.kind === 'workload' ? this.byId.get(dst.id) : undefined;
    let conns = ConnectionSet.NONE;
    for (const port of rule.ports) {
      if (port.port === undefined) {
        conns = conns.union(ConnectionSet.of(port.protocol, 1, 65535));
      } else if (typeof port.port === 'number') {
        conns = conns.union(
          ConnectionSet.of(port.protocol, port.port, port.endPort ?? port.port),
        );
      } else {
        // A named port is resolved against the destination pod's container
        // ports of the same name and protocol; an address outside the
        // cluster has none.
        for (const named of target?.workload.namedPorts ?? []) {
          if (named.name === port.port && named.protocol === port.protocol) {
            conns = conns.union(ConnectionSet.of(port.protocol, named.port));
          }
        }
      }
    }
    return conns;
  }

  /** The rules of one side, each with the connections it allows. */
  private side(
    direction: Direction,
    subject: Indexed,
    peer: Endpoint,
    dst: Endpoint,
  ): Array<{ rule: CompiledRule; conns: ConnectionSet }> {
    const policies = direction === 'Ingress' ? subject.ingress : subject.egress;
    const out: Array<{ rule: CompiledRule; conns: ConnectionSet }> = [];
    for (const policy of policies) {
      const rules =
        (direction === 'Ingress' ? policy.ingress : policy.egress) ?? [];
      for (const rule of rules) {
        if (
          rule.peers &&
          !rule.peers.some(p => this.peerMatches(p, policy.ref.namespace, peer))
        ) {
          continue;
        }
        const conns = this.ruleConnections(rule, dst);
        if (!conns.isEmpty()) out.push({ rule, conns });
      }
    }
    return out;
  }

  private endpoint(endpoint: Endpoint): Indexed | undefined {
    if (endpoint.kind === 'external') return undefined;
    const found = this.byId.get(endpoint.id);
    if (!found) throw new Error(`unknown workload ${endpoint.id}`);
    return found;
  }

  private sideConnections(
    direction: Direction,
    subject: Indexed | undefined,
    peer: Endpoint,
    dst: Endpoint,
  ): ConnectionSet {
    if (!subject) return ConnectionSet.ALL;
    const isolating =
      direction === 'Ingress' ? subject.ingress : subject.egress;
    if (isolating.length === 0) return ConnectionSet.ALL;
    return this.side(direction, subject, peer, dst).reduce(
      (acc, r) => acc.union(r.conns),
      ConnectionSet.NONE,
    );
  }

  /**
   * The connections allowed from `src` to `dst`: what egress at the source
   * allows, intersected with what ingress at the destination allows. Between
   * two addresses outside the cluster, nothing (not this model's concern).
   * An external range must not straddle an ipBlock boundary (a single
   * address never does).
   */
  connections(src: Endpoint, dst: Endpoint): ConnectionSet {
    if (src.kind === 'external' && dst.kind === 'external') {
      return ConnectionSet.NONE;
    }
    const key = `${endpointName(src)}>${endpointName(dst)}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const srcIndexed = this.endpoint(src);
    const dstIndexed = this.endpoint(dst);
    const egress = this.sideConnections('Egress', srcIndexed, dst, dst);
    const conns = egress.isEmpty()
      ? egress
      : egress.intersect(this.sideConnections('Ingress', dstIndexed, src, dst));
    // Bounded: answers about single entities at a large estate must not
    // keep every pair they ever touched.
    if (this.cache.size >= MAX_CACHED_PAIRS) this.cache.clear();
    this.cache.set(key, conns);
    return conns;
  }

  /**
   * Whether `src` may reach `dst` on one port, and why: each side's
   * isolation and the rules that allow it.
   */
  evaluate(
    src: Endpoint,
    dst: Endpoint,
    protocol: Protocol,
    port: number,
  ): Verdict {
    const verdict = (
      direction: Direction,
      subject: Indexed | undefined,
      peer: Endpoint,
    ): SideVerdict => {
      let isolating: readonly CompiledPolicy[] = [];
      if (subject) {
        isolating = direction === 'Ingress' ? subject.ingress : subject.egress;
      }
      const allowingRules = subject
        ? this.side(direction, subject, peer, dst)
            .filter(r => r.conns.allows(protocol, port))
            .map(r => r.rule.ref)
        : [];
      return {
        direction,
        ...(subject ? { workload: subject.id } : {}),
        isolated: isolating.length > 0,
        isolatingPolicies: isolating.map(p => p.ref),
        allowingRules,
        allowed: isolating.length === 0 || allowingRules.length > 0,
      };
    };
    if (src.kind === 'external' && dst.kind === 'external') {
      throw new Error('at least one end must be a workload');
    }
    const egress = verdict('Egress', this.endpoint(src), dst);
    const ingress = verdict('Ingress', this.endpoint(dst), src);
    return { allowed: egress.allowed && ingress.allowed, egress, ingress };
  }

  /** The address ranges to cut the space outside the cluster into. */
  externalAtoms(extraBlocks: readonly IpRange[] = []): IpRange[] {
    const blocks = [...this.ipBlocks(), ...extraBlocks];
    const families: Array<4 | 6> = blocks.some(b => b.family === 6)
      ? [4, 6]
      : [4];
    return atomize(blocks, families);
  }

  /**
   * Every allowed connection (empty ones left out): between each pair of
   * distinct workloads, and between each workload and the address ranges
   * outside the cluster (maximal ranges with equal connections), sorted.
   */
  list(): Connection[] {
    const atoms = this.externalAtoms();
    const out: Connection[] = [];
    for (const a of this.workloadIds()) {
      out.push(
        ...this.connectionsOf(a, 'outbound', atoms),
        ...this.externalConnectionsOf(a, 'inbound', atoms),
      );
    }
    return out.sort(compareConnections);
  }

  /**
   * The allowed connections of one workload: `outbound`, from it to every
   * other workload and to the address ranges outside the cluster; `inbound`,
   * to it from them. Costs one evaluation per workload and range, not per
   * pair of the estate: what a question about one entity needs (and, where
   * it is isolated for the direction, one per workload its rules select).
   */
  connectionsOf(
    id: string,
    direction: 'inbound' | 'outbound',
    atoms: readonly IpRange[] = this.externalAtoms(),
  ): Connection[] {
    const self: Endpoint = { kind: 'workload', id };
    const out: Connection[] = [];
    const candidates = this.possiblePeersOf(id, direction);
    for (const other of this.byId.keys()) {
      if (other === id || (candidates && !candidates.has(other))) continue;
      const peer: Endpoint = { kind: 'workload', id: other };
      const [src, dst] = direction === 'outbound' ? [self, peer] : [peer, self];
      const conns = this.connections(src, dst);
      if (!conns.isEmpty()) out.push({ src, dst, conns });
    }
    return [...out, ...this.externalConnectionsOf(id, direction, atoms)];
  }

  /** A workload's connections with the ranges outside the cluster, merged to maximal ranges. */
  private externalConnectionsOf(
    id: string,
    direction: 'inbound' | 'outbound',
    atoms: readonly IpRange[],
  ): Connection[] {
    const self: Endpoint = { kind: 'workload', id };
    const out: Connection[] = [];
    const pair = (range: IpRange): [Endpoint, Endpoint] =>
      direction === 'outbound'
        ? [self, { kind: 'external', range }]
        : [{ kind: 'external', range }, self];
    for (const { range, value } of mergeRanges(
      atoms,
      r => this.connections(...pair(r)),
      c => c.toString(),
    )) {
      if (!value.isEmpty()) {
        const [src, dst] = pair(range);
        out.push({ src, dst, conns: value });
      }
    }
    return out;
  }
}

/**
 * Analyzes workloads under NetworkPolicies. Malformed policies are left out
 * (reported in `problems`); policies that select no workload change nothing.
 *
 * @public
 */
export function analyzeConnectivity(
  workloads: readonly Workload[],
  policies: readonly PolicySource[],
): ConnectivityModel {
  const compiled: CompiledPolicy[] = [];
  const problems: PolicyProblem[] = [];
  for (const { policy, file } of policies) {
    const result = compilePolicy(policy, file);
    if (result.policy) {
      compiled.push(result.policy);
    } else {
      const metadata = (policy as { metadata?: Record<string, unknown> })
        ?.metadata;
      problems.push({
        policy: {
          namespace:
            typeof metadata?.namespace === 'string'
              ? metadata.namespace
              : 'default',
          name: typeof metadata?.name === 'string' ? metadata.name : '',
          ...(file !== undefined ? { file } : {}),
        },
        problems: result.problems,
      });
    }
  }
  return new ConnectivityModel(workloads, compiled, problems);
}
