import {
  analyzeConnectivity,
  ConnectivityModel,
  PolicySource,
} from '../analyzer';
import { parseIpAddress } from '../ip';
import { Endpoint, Workload } from '../workloads';

export function workload(
  id: string,
  labels: Record<string, string> = {},
  extra: Partial<Workload> = {},
): Workload {
  const [namespace, name] = id.split('/');
  return { namespace, name, kind: 'Deployment', labels, ...extra };
}

export function policy(
  id: string,
  spec: Record<string, unknown>,
  file?: string,
): PolicySource {
  const [namespace, name] = id.split('/');
  return {
    policy: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { namespace, name },
      spec: spec as any,
    },
    ...(file ? { file } : {}),
  };
}

/** `ns/name` of a Deployment, or an IP address. */
export function ep(text: string): Endpoint {
  const ip = parseIpAddress(text);
  if (ip) return { kind: 'external', range: ip };
  return { kind: 'workload', id: `${text}[Deployment]` };
}

export function conns(m: ConnectivityModel, src: string, dst: string) {
  return m.connections(ep(src), ep(dst)).toString();
}

export function model(
  workloads: Workload[],
  policies: PolicySource[],
): ConnectivityModel {
  return analyzeConnectivity(workloads, policies);
}
