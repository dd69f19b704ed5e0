import { PortRule } from '@internal/plugin-ops-requests-common';
import { stringify } from 'yaml';

export interface AllowIngress {
  /** NetworkPolicy name, e.g. "allow-fraud-case-management-to-fraud-scoring-service". */
  name: string;
  namespace: string;
  /** Pods receiving the traffic, by `app.kubernetes.io/name`. */
  destinationApp: string;
  /** Where the traffic comes from. */
  sourceCidrs: string[];
  ports: PortRule[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

const PART_OF = 'app.kubernetes.io/part-of';

/** Default-deny for every pod in the namespace: nothing in or out unless a policy allows it. */
export function defaultDenyPolicy(
  namespace: string,
  labels: Record<string, string> = {},
) {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: 'default-deny-all',
      namespace,
      labels: { [PART_OF]: 'integrated-ops', ...labels },
    },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  };
}

/**
 * Allows the requested ports from the source's CIDRs to the destination's
 * pods. ICMP cannot be expressed in a NetworkPolicy and is left to the
 * firewall rule.
 */
export function allowIngressPolicy(request: AllowIngress) {
  const ports = request.ports
    .filter(p => p.protocol !== 'icmp')
    .map(p => ({
      protocol: p.protocol.toUpperCase(),
      port: p.from,
      ...(p.to !== p.from ? { endPort: p.to } : {}),
    }));
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: request.name,
      namespace: request.namespace,
      labels: { [PART_OF]: 'integrated-ops', ...request.labels },
      annotations: request.annotations,
    },
    spec: {
      podSelector: {
        matchLabels: { 'app.kubernetes.io/name': request.destinationApp },
      },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: request.sourceCidrs.map(cidr => ({ ipBlock: { cidr } })),
          ports,
        },
      ],
    },
  };
}

/**
 * Several manifests as one multi-document YAML file. Written as YAML 1.1,
 * which kubectl reads: a value like 2026-04-01 or "yes" comes out quoted, so
 * it stays a string there too.
 */
export function toYamlDocuments(manifests: object[]): string {
  return manifests
    .map(m => stringify(m, { lineWidth: 0, version: '1.1' }))
    .join('---\n');
}
