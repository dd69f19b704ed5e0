import { PortRule } from '@integrated-ops/plugin-ops-requests-common';
import { stringify } from 'yaml';

/**
 * Where allowed traffic comes from: pods in the cluster, or address ranges outside it.
 *
 * @public
 */
export type PolicyPeer =
  | { ipBlock: { cidr: string } }
  | {
      namespaceSelector: { matchLabels: Record<string, string> };
      podSelector: { matchLabels: Record<string, string> };
    };

/**
 * Address ranges outside the cluster (a NetworkPolicy's `ipBlock`).
 *
 * @public
 */
export const ipBlockPeers = (cidrs: string[]): PolicyPeer[] =>
  cidrs.map(cidr => ({ ipBlock: { cidr } }));

/**
 * A workload in the cluster, by its namespace and `app.kubernetes.io/name`.
 *
 * @public
 */
export const workloadPeer = (namespace: string, app: string): PolicyPeer => ({
  namespaceSelector: {
    matchLabels: { 'kubernetes.io/metadata.name': namespace },
  },
  podSelector: { matchLabels: { 'app.kubernetes.io/name': app } },
});

/**
 * A Kubernetes NetworkPolicy letting traffic from some peers into an app's
 * pods on some ports.
 *
 * @public
 */
export interface AllowIngress {
  /** NetworkPolicy name, e.g. "allow-fraud-case-management-to-fraud-scoring-service". */
  name: string;
  /** The destination's namespace, where the policy is created. */
  namespace: string;
  /** Pods receiving the traffic, by `app.kubernetes.io/name`. */
  destinationApp: string;
  /** Where the traffic comes from. */
  from: PolicyPeer[];
  /** The ports let through from every peer; icmp ones are left out (a NetworkPolicy cannot say ICMP). */
  ports: PortRule[];
  /** Labels on the policy, besides `app.kubernetes.io/part-of: integrated-ops`. */
  labels: Record<string, string>;
  /** Annotations on the policy, as given (an access request's: source, destination, expiry, requester). */
  annotations: Record<string, string>;
}

const PART_OF = 'app.kubernetes.io/part-of';

/**
 * A NetworkPolicy's ports for the rules asked (ICMP cannot be said there).
 * None left is refused here, under every caller: a rule without ports
 * allows every port.
 */
const policyPorts = (ports: PortRule[]) => {
  const out = ports
    .filter(p => p.protocol !== 'icmp')
    .map(p => ({
      protocol: p.protocol.toUpperCase(),
      port: p.from,
      ...(p.to !== p.from ? { endPort: p.to } : {}),
    }));
  if (!out.length) {
    throw new Error(
      'a NetworkPolicy rule needs a TCP, UDP or SCTP port: one without ports allows every port',
    );
  }
  return out;
};

/** An access policy's metadata: its name, namespace, our label and its notes. */
const accessMetadata = (request: {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}) => ({
  name: request.name,
  namespace: request.namespace,
  labels: { [PART_OF]: 'integrated-ops', ...request.labels },
  annotations: request.annotations,
});

/** The pods of an app, as the portal's templates label them. */
const appSelector = (app: string) => ({
  matchLabels: { 'app.kubernetes.io/name': app },
});

const policy = (
  name: string,
  namespace: string,
  labels: Record<string, string>,
  spec: object,
) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: {
    name,
    namespace,
    labels: { [PART_OF]: 'integrated-ops', ...labels },
  },
  spec,
});

/**
 * A namespace's baseline, written once for the namespace (by the new-service
 * template, in the service's own change), never inside an access request:
 * default-deny for every pod in and out, and DNS to the cluster's resolver,
 * without which a default-deny on egress breaks every name lookup.
 *
 * @public
 */
export function namespaceBaseline(
  namespace: string,
  labels: Record<string, string> = {},
): object[] {
  return [
    policy('default-deny-all', namespace, labels, {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    }),
    policy('allow-dns-egress', namespace, labels, {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
              },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    }),
  ];
}

/**
 * Allows the requested ports from the source (pods in the cluster, or
 * address ranges) to the destination's pods, and nothing else. ICMP cannot be
 * expressed in a NetworkPolicy and is left to the firewall rule.
 *
 * @public
 */
export function allowIngressPolicy(request: AllowIngress) {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: accessMetadata(request),
    spec: {
      podSelector: appSelector(request.destinationApp),
      policyTypes: ['Ingress'],
      ingress: [{ from: request.from, ports: policyPorts(request.ports) }],
    },
  };
}

/**
 * A Kubernetes NetworkPolicy letting an app's pods send traffic to some peers
 * on some ports: the source's half of a flow, needed where the source's
 * namespace isolates egress (its baseline).
 *
 * @public
 */
export interface AllowEgress {
  /** NetworkPolicy name. */
  name: string;
  /** The source's namespace, where the policy is created. */
  namespace: string;
  /** Pods sending the traffic, by `app.kubernetes.io/name`. */
  sourceApp: string;
  /** Where the traffic goes. */
  to: PolicyPeer[];
  /** The ports let through to every peer; icmp ones are left out. */
  ports: PortRule[];
  /** Labels on the policy, besides `app.kubernetes.io/part-of: integrated-ops`. */
  labels: Record<string, string>;
  /** Annotations on the policy, as given. */
  annotations: Record<string, string>;
}

/**
 * Allows the requested ports from the source's pods to the destination (pods
 * in the cluster, or address ranges), and nothing else.
 *
 * @public
 */
export function allowEgressPolicy(request: AllowEgress) {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: accessMetadata(request),
    spec: {
      podSelector: appSelector(request.sourceApp),
      policyTypes: ['Egress'],
      egress: [{ to: request.to, ports: policyPorts(request.ports) }],
    },
  };
}

/**
 * Several manifests as one multi-document YAML file. Written as YAML 1.1,
 * which kubectl reads: a value like 2026-04-01 or "yes" comes out quoted, so
 * it stays a string there too.
 *
 * @public
 */
export function toYamlDocuments(manifests: object[]): string {
  return manifests
    .map(m => stringify(m, { lineWidth: 0, version: '1.1' }))
    .join('---\n');
}
