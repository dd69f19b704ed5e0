import {
  PortRule,
  SecurityControlsIntent,
} from '@integrated-ops/plugin-ops-requests-common';
import { controlsManifest, securityWorkflow } from '../render/ciControls';
import { firewallRuleTerraform, terraformName } from '../render/firewallRule';
import {
  allowEgressPolicy,
  allowIngressPolicy,
  ipBlockPeers,
  PolicyPeer,
  toYamlDocuments,
  workloadPeer,
} from '../render/networkPolicies';
import { validateManifests } from '../render/validateManifests';
import { ResolvedTarget } from './TargetResolver';

/** A flow's source: an entity the catalog resolved, or an address range outside it. */
export type FlowSource = Pick<
  ResolvedTarget,
  'entityRef' | 'name' | 'cidrs' | 'namespace' | 'cluster'
> &
  Partial<Pick<ResolvedTarget, 'zone' | 'lifecycle' | 'production'>>;

/**
 * Where a NetworkPolicy lets the source in from: a source running on the
 * destination's cluster by its namespace and pod labels (its addresses may
 * change with every pod); anything else by its address ranges.
 */
export function sourcePeers(
  source: FlowSource,
  destination: ResolvedTarget,
): PolicyPeer[] {
  return source.cluster && source.cluster === destination.cluster
    ? [workloadPeer(source.namespace, source.name)]
    : ipBlockPeers(source.cidrs);
}

/**
 * Where a NetworkPolicy lets the source's pods send to: the destination's
 * pods when it runs on the same cluster, else its address ranges.
 */
export function destinationPeers(
  source: FlowSource,
  destination: ResolvedTarget,
): PolicyPeer[] {
  return source.cluster && source.cluster === destination.cluster
    ? [workloadPeer(destination.namespace, destination.name)]
    : ipBlockPeers(destination.cidrs);
}

/**
 * The files of a network access change: the NetworkPolicy allowing exactly
 * the access asked for in the destination's namespace (no baseline: a
 * namespace's default-deny is the namespace's own change), where the
 * source's namespace isolates egress (`sourceEgressIsolated`, read from main)
 * the source's egress half in its namespace, and a Terraform firewall rule,
 * each tagged with who asked and until when. ICMP alone is the firewall
 * rule's only: a NetworkPolicy cannot say ICMP, and one with no ports would
 * allow every port. Paths are relative to the infrastructure repository.
 */
export function renderNetworkAccess(options: {
  source: FlowSource;
  destination: ResolvedTarget;
  ports: PortRule[];
  justification: string;
  expiresAt?: string;
  requestedBy: string;
  /** Whether main isolates the source's pods for egress. */
  sourceEgressIsolated?: boolean;
}): Record<string, string> {
  const { source, destination, ports } = options;
  const name = `${source.name}-to-${destination.name}`;
  const expiresAt = options.expiresAt ?? 'never';
  const labels = { 'integrated-ops.io/request': 'network-access' };
  const annotations = {
    'integrated-ops.io/source': source.entityRef,
    'integrated-ops.io/destination': destination.entityRef,
    'integrated-ops.io/expires-at': expiresAt,
    'integrated-ops.io/requested-by': options.requestedBy,
  };
  const files: Record<string, string> = {};
  // Without a TCP, UDP or SCTP port there is nothing a NetworkPolicy may say.
  const policyPorts = ports.filter(p => p.protocol !== 'icmp');
  if (policyPorts.length) {
    const manifests = toYamlDocuments([
      allowIngressPolicy({
        name: `allow-${name}`,
        namespace: destination.namespace,
        destinationApp: destination.name,
        from: sourcePeers(source, destination),
        ports,
        labels,
        annotations,
      }),
    ]);
    const manifestPath = `kubernetes/${destination.namespace}/allow-${name}.yaml`;
    validateManifests(manifests, manifestPath);
    files[manifestPath] = manifests;
  }
  const to = destinationPeers(source, destination);
  if (
    policyPorts.length &&
    options.sourceEgressIsolated &&
    source.namespace &&
    to.length
  ) {
    const egress = toYamlDocuments([
      allowEgressPolicy({
        name: `allow-${name}-egress`,
        namespace: source.namespace,
        sourceApp: source.name,
        to,
        ports,
        labels,
        annotations,
      }),
    ]);
    const egressPath = `kubernetes/${source.namespace}/allow-${name}-egress.yaml`;
    validateManifests(egress, egressPath);
    files[egressPath] = egress;
  }
  const terraform = firewallRuleTerraform(
    {
      name: terraformName(name),
      description: options.justification,
      sourceCidrs: source.cidrs,
      destinationCidrs: destination.cidrs,
      ports,
      tags: {
        Source: source.entityRef,
        Destination: destination.entityRef,
        ExpiresAt: expiresAt,
        RequestedBy: options.requestedBy,
      },
    },
    terraformName(`sg_${destination.zone ?? 'default'}`),
  );
  files[`terraform/${name}.tf.json`] = `${JSON.stringify(
    terraform,
    null,
    2,
  )}\n`;
  return files;
}

/** The files of a security-controls change: the CI security workflow and security/controls.yaml. */
export function renderSecurityControls(options: {
  component: ResolvedTarget;
  intent: SecurityControlsIntent;
  policyVersion: string;
}): Record<string, string> {
  const { component, intent } = options;
  const dir = `components/${component.name}`;
  const files: Record<string, string> = {};
  const workflow = securityWorkflow(intent.controls, component.entityRef);
  if (workflow) files[`${dir}/.github/workflows/security.yaml`] = workflow;
  files[`${dir}/security/controls.yaml`] = controlsManifest({
    component: component.entityRef,
    policyVersion: options.policyVersion,
    controls: intent.controls,
    exceptions: intent.exceptions,
    compliance: intent.compliance,
  });
  return files;
}
