import type { Protocol } from './connections';
import type { IpRange } from './ip';
import { formatIpRange } from './ip';
import type { Labels } from './selectors';

/**
 * A named container port of a workload's pods.
 *
 * @public
 */
export interface NamedPort {
  /** The port's name, as policies refer to it. */
  readonly name: string;
  /** The container port number it stands for. */
  readonly port: number;
  /** Its protocol (TCP when the container port names none). */
  readonly protocol: Protocol;
}

/**
 * A workload: the pods of one owner (or a bare Pod), all with the same labels
 * and named ports.
 *
 * @public
 */
export interface Workload {
  /** Its namespace (`default` when its metadata names none). */
  readonly namespace: string;
  /** Its metadata.name. */
  readonly name: string;
  /** `Deployment`, `StatefulSet`, `Pod`, ... */
  readonly kind: string;
  /** The pods' labels (a controller's pod template labels). */
  readonly labels: Labels;
  /**
   * The namespace's labels; `kubernetes.io/metadata.name` is added when
   * absent, as the API server does.
   */
  readonly namespaceLabels?: Labels;
  /** The named container ports of the pods. */
  readonly namedPorts?: readonly NamedPort[];
}

/**
 * The name of a workload: `namespace/name[Kind]`.
 *
 * @public
 */
export function workloadId(workload: Workload): string {
  return `${workload.namespace}/${workload.name}[${workload.kind}]`;
}

/**
 * One end of a connection: a workload (by its id) or a range of addresses
 * outside the cluster.
 *
 * @public
 */
export type Endpoint =
  | { readonly kind: 'workload'; readonly id: string }
  | { readonly kind: 'external'; readonly range: IpRange };

/**
 * How an endpoint is written: the workload id, or `first-last[External]`.
 *
 * @public
 */
export function endpointName(endpoint: Endpoint): string {
  return endpoint.kind === 'workload'
    ? endpoint.id
    : `${formatIpRange(endpoint.range)}[External]`;
}
