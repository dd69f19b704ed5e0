import {
  PortRule,
  SecurityControlsIntent,
} from '@integrated-ops/plugin-ops-requests-common';
import { controlsManifest, securityWorkflow } from '../render/ciControls';
import { firewallRuleTerraform, terraformName } from '../render/firewallRule';
import {
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
 * The files of a network access change: the NetworkPolicy allowing exactly
 * the access asked for in the destination's namespace (no baseline: a
 * namespace's default-deny is the namespace's own change) and a Terraform
 * firewall rule, tagged with who asked and until when. Paths are relative to
 * the infrastructure repository.
 */
export function renderNetworkAccess(options: {
  source: FlowSource;
  destination: ResolvedTarget;
  ports: PortRule[];
  justification: string;
  expiresAt?: string;
  requestedBy: string;
}): Record<string, string> {
  const { source, destination, ports } = options;
  const name = `${source.name}-to-${destination.name}`;
  const expiresAt = options.expiresAt ?? 'never';
  const manifests = toYamlDocuments([
    allowIngressPolicy({
      name: `allow-${name}`,
      namespace: destination.namespace,
      destinationApp: destination.name,
      from: sourcePeers(source, destination),
      ports,
      labels: { 'integrated-ops.io/request': 'network-access' },
      annotations: {
        'integrated-ops.io/source': source.entityRef,
        'integrated-ops.io/destination': destination.entityRef,
        'integrated-ops.io/expires-at': expiresAt,
        'integrated-ops.io/requested-by': options.requestedBy,
      },
    }),
  ]);
  const manifestPath = `kubernetes/${destination.namespace}/allow-${name}.yaml`;
  validateManifests(manifests, manifestPath);
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
  return {
    [manifestPath]: manifests,
    [`terraform/${name}.tf.json`]: `${JSON.stringify(terraform, null, 2)}\n`,
  };
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
  const workflow = securityWorkflow(intent.controls);
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
