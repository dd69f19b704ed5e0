import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { MAX_PORT, MIN_PORT, Protocol, PROTOCOLS } from './connections';
import { IpRange, parseCidr, rangeContains } from './ip';
import { LabelSelector, selectorProblems } from './selectors';

/**
 * Where a NetworkPolicy comes from: its namespace and name, and the file it
 * was read from, when there is one.
 *
 * @public
 */
export interface PolicyRef {
  /** The policy's namespace (`default` when its metadata names none). */
  readonly namespace: string;
  /** Its metadata.name. */
  readonly name: string;
  /** The path of the file it was read from; absent when not read from a file. */
  readonly file?: string;
}

/**
 * One rule of a policy: `ingress[index]` or `egress[index]`.
 *
 * @public
 */
export interface RuleRef {
  /** The policy the rule is in. */
  readonly policy: PolicyRef;
  /** Whether it is an ingress or an egress rule. */
  readonly direction: Direction;
  /** Its position in the policy's `ingress` or `egress` list, from 0. */
  readonly index: number;
}

/**
 * A direction of traffic, as `policyTypes` names it.
 *
 * @public
 */
export type Direction = 'Ingress' | 'Egress';

/**
 * A peer of a rule: pods (selected by namespace and pod selectors, ANDed;
 * an absent `namespaceSelector` means the policy's own namespace, an absent
 * `podSelector` every pod) or an IP block with its exceptions.
 *
 * @public
 */
export type CompiledPeer =
  | {
      readonly kind: 'pods';
      readonly namespaceSelector?: LabelSelector;
      readonly podSelector?: LabelSelector;
    }
  | {
      readonly kind: 'ipBlock';
      readonly cidr: IpRange;
      readonly except: readonly IpRange[];
    };

/**
 * A port of a rule: a protocol and a port number (with `endPort`, a range), a
 * named port (resolved per destination pod), or no port (every port of the
 * protocol).
 *
 * @public
 */
export interface CompiledPort {
  /** The protocol; TCP when the policy names none. */
  readonly protocol: Protocol;
  /** A port number or a named port; absent: every port of the protocol. */
  readonly port?: number | string;
  /** The last port of a range starting at `port` (inclusive); absent: `port` alone. */
  readonly endPort?: number;
}

/**
 * A rule: its peers (`undefined`: every peer) and ports (`undefined`: every
 * port of every protocol).
 *
 * @public
 */
export interface CompiledRule {
  /** Which rule of which policy this is. */
  readonly ref: RuleRef;
  /** The peers the rule allows; absent: every peer. */
  readonly peers?: readonly CompiledPeer[];
  /** The ports it allows; absent: every port of every protocol. */
  readonly ports?: readonly CompiledPort[];
}

/**
 * A validated NetworkPolicy with its effective `policyTypes`: `ingress` is
 * defined exactly when the policy isolates the pods it selects for ingress
 * (and lists the rules that allow traffic in), likewise `egress`.
 *
 * @public
 */
export interface CompiledPolicy {
  /** Which policy this is. */
  readonly ref: PolicyRef;
  /** The pods in the policy's namespace it applies to; an empty selector selects them all. */
  readonly podSelector: LabelSelector;
  /** The ingress rules; absent when the policy does not isolate for ingress, empty when it allows nothing in. */
  readonly ingress?: readonly CompiledRule[];
  /** The egress rules; absent when the policy does not isolate for egress, empty when it allows nothing out. */
  readonly egress?: readonly CompiledRule[];
}

/**
 * A NetworkPolicy as read from YAML: the `kubernetes-models` type, whose
 * fields are checked again here since YAML may hold anything.
 *
 * @public
 */
export type NetworkPolicyInput = INetworkPolicy;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const PORT_NAME = /^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

function portProblems(port: unknown, at: string): string[] {
  if (!isRecord(port)) return [`${at}: must be an object`];
  const problems: string[] = [];
  if (
    port.protocol !== undefined &&
    !PROTOCOLS.includes(port.protocol as Protocol)
  ) {
    problems.push(
      `${at}.protocol: "${String(port.protocol)}" is not TCP, UDP or SCTP`,
    );
  }
  const value = port.port;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < MIN_PORT || value > MAX_PORT) {
      problems.push(`${at}.port: ${value} is not a port between 1 and 65535`);
    }
  } else if (typeof value === 'string') {
    if (
      !PORT_NAME.test(value) ||
      !/[a-z]/.test(value) ||
      value.includes('--')
    ) {
      problems.push(`${at}.port: "${value}" is not a valid port name`);
    }
  } else if (value !== undefined && value !== null) {
    problems.push(`${at}.port: must be a number or a port name`);
  }
  if (port.endPort !== undefined && port.endPort !== null) {
    if (typeof value !== 'number') {
      problems.push(`${at}.endPort: needs a numeric port`);
    } else if (
      typeof port.endPort !== 'number' ||
      !Number.isInteger(port.endPort) ||
      port.endPort < value ||
      port.endPort > MAX_PORT
    ) {
      problems.push(
        `${at}.endPort: ${String(
          port.endPort,
        )} must be a port >= port ${value}`,
      );
    }
  }
  return problems;
}

function compilePeer(
  peer: unknown,
  at: string,
  problems: string[],
): CompiledPeer | undefined {
  if (!isRecord(peer)) {
    problems.push(`${at}: must be an object`);
    return undefined;
  }
  const { ipBlock, namespaceSelector, podSelector } = peer;
  const hasSelectors =
    (namespaceSelector !== undefined && namespaceSelector !== null) ||
    (podSelector !== undefined && podSelector !== null);
  if (ipBlock !== undefined && ipBlock !== null) {
    if (hasSelectors) {
      problems.push(`${at}: ipBlock cannot be combined with selectors`);
      return undefined;
    }
    if (!isRecord(ipBlock) || typeof ipBlock.cidr !== 'string') {
      problems.push(`${at}.ipBlock.cidr: required`);
      return undefined;
    }
    const cidr = parseCidr(ipBlock.cidr);
    if (!cidr) {
      problems.push(`${at}.ipBlock.cidr: "${ipBlock.cidr}" is not a CIDR`);
      return undefined;
    }
    const except: IpRange[] = [];
    const exceptList = ipBlock.except ?? [];
    if (!Array.isArray(exceptList)) {
      problems.push(`${at}.ipBlock.except: must be a list of CIDRs`);
      return undefined;
    }
    exceptList.forEach((text: unknown, i) => {
      const range = typeof text === 'string' ? parseCidr(text) : undefined;
      if (!range) {
        problems.push(
          `${at}.ipBlock.except[${i}]: "${String(text)}" is not a CIDR`,
        );
      } else if (!rangeContains(cidr, range)) {
        problems.push(
          `${at}.ipBlock.except[${i}]: "${text}" is not within ${ipBlock.cidr}`,
        );
      } else {
        except.push(range);
      }
    });
    return { kind: 'ipBlock', cidr, except };
  }
  if (!hasSelectors) {
    problems.push(
      `${at}: must name an ipBlock, a namespaceSelector or a podSelector`,
    );
    return undefined;
  }
  const compiled: {
    kind: 'pods';
    namespaceSelector?: LabelSelector;
    podSelector?: LabelSelector;
  } = { kind: 'pods' };
  if (namespaceSelector !== undefined && namespaceSelector !== null) {
    problems.push(
      ...selectorProblems(namespaceSelector, `${at}.namespaceSelector`),
    );
    compiled.namespaceSelector = namespaceSelector as LabelSelector;
  }
  if (podSelector !== undefined && podSelector !== null) {
    problems.push(...selectorProblems(podSelector, `${at}.podSelector`));
    compiled.podSelector = podSelector as LabelSelector;
  }
  return compiled;
}

function compileRules(
  rules: unknown,
  direction: Direction,
  policy: PolicyRef,
  problems: string[],
): CompiledRule[] {
  const key = direction === 'Ingress' ? 'ingress' : 'egress';
  const peerKey = direction === 'Ingress' ? 'from' : 'to';
  if (rules === undefined || rules === null) return [];
  if (!Array.isArray(rules)) {
    problems.push(`spec.${key}: must be a list`);
    return [];
  }
  return rules.map((rule: unknown, index): CompiledRule => {
    const at = `spec.${key}[${index}]`;
    const ref: RuleRef = { policy, direction, index };
    if (!isRecord(rule)) {
      problems.push(`${at}: must be an object`);
      return { ref, peers: [], ports: [] };
    }
    const rawPeers = rule[peerKey];
    const rawPorts = rule.ports;
    let peers: CompiledPeer[] | undefined;
    let ports: CompiledPort[] | undefined;
    if (rawPeers !== undefined && rawPeers !== null) {
      if (!Array.isArray(rawPeers)) {
        problems.push(`${at}.${peerKey}: must be a list`);
      } else if (rawPeers.length > 0) {
        peers = [];
        rawPeers.forEach((peer: unknown, i) => {
          const compiled = compilePeer(
            peer,
            `${at}.${peerKey}[${i}]`,
            problems,
          );
          if (compiled) peers!.push(compiled);
        });
      }
    }
    if (rawPorts !== undefined && rawPorts !== null) {
      if (!Array.isArray(rawPorts)) {
        problems.push(`${at}.ports: must be a list`);
      } else if (rawPorts.length > 0) {
        ports = [];
        rawPorts.forEach((port: unknown, i) => {
          const found = portProblems(port, `${at}.ports[${i}]`);
          problems.push(...found);
          if (found.length === 0) {
            const p = port as Record<string, unknown>;
            ports!.push({
              protocol: (p.protocol as Protocol | undefined) ?? 'TCP',
              ...(p.port !== undefined && p.port !== null
                ? { port: p.port as number | string }
                : {}),
              ...(typeof p.endPort === 'number' ? { endPort: p.endPort } : {}),
            });
          }
        });
      }
    }
    return { ref, peers, ports };
  });
}

/**
 * The result of compiling one policy: the policy when it is valid, and what
 * is wrong with it otherwise (a policy with any problem is left out whole, as
 * the API server would refuse it).
 *
 * @public
 */
export interface CompileResult {
  /** The compiled policy; absent when it has any problem. */
  readonly policy?: CompiledPolicy;
  /** What is wrong with it, one message per problem; empty when valid. */
  readonly problems: readonly string[];
}

/**
 * Validates a NetworkPolicy (networking.k8s.io/v1) and works out its
 * effective `policyTypes`: as listed, or when absent (or empty) `Ingress`
 * always and `Egress` when the policy has egress rules.
 *
 * @public
 */
export function compilePolicy(
  input: NetworkPolicyInput | unknown,
  file?: string,
): CompileResult {
  const problems: string[] = [];
  if (!isRecord(input)) return { problems: ['not an object'] };
  const metadata = isRecord(input.metadata) ? input.metadata : {};
  if (typeof metadata.name !== 'string' || !metadata.name) {
    problems.push('metadata.name: required');
  }
  const ref: PolicyRef = {
    namespace:
      typeof metadata.namespace === 'string' && metadata.namespace
        ? metadata.namespace
        : 'default',
    name: typeof metadata.name === 'string' ? metadata.name : '',
    ...(file !== undefined ? { file } : {}),
  };
  const spec = input.spec;
  if (!isRecord(spec)) {
    problems.push('spec: required');
    return { problems };
  }
  const podSelector = spec.podSelector ?? {};
  problems.push(...selectorProblems(podSelector, 'spec.podSelector'));
  let types = spec.policyTypes;
  if (types !== undefined && types !== null && !Array.isArray(types)) {
    problems.push('spec.policyTypes: must be a list');
    types = undefined;
  }
  let policyTypes: string[] = (types as string[] | undefined | null) ?? [];
  for (const t of policyTypes) {
    if (t !== 'Ingress' && t !== 'Egress') {
      problems.push(
        `spec.policyTypes: "${String(t)}" is not Ingress or Egress`,
      );
    }
  }
  if (policyTypes.length === 0) {
    policyTypes = ['Ingress'];
    if (Array.isArray(spec.egress) && spec.egress.length > 0) {
      policyTypes.push('Egress');
    }
  }
  const ingress = compileRules(spec.ingress, 'Ingress', ref, problems);
  const egress = compileRules(spec.egress, 'Egress', ref, problems);
  if (problems.length > 0) return { problems };
  return {
    policy: {
      ref,
      podSelector: podSelector as LabelSelector,
      ...(policyTypes.includes('Ingress') ? { ingress } : {}),
      ...(policyTypes.includes('Egress') ? { egress } : {}),
    },
    problems,
  };
}
