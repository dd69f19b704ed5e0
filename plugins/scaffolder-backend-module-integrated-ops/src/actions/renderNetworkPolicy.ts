import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  parsePorts,
  PortRule,
} from '@integrated-ops/plugin-ops-requests-common';
import {
  allowIngressPolicy,
  ipBlockPeers,
  namespaceBaseline,
  toYamlDocuments,
} from '@integrated-ops/plugin-ops-requests-node';
import { validateManifests } from '@integrated-ops/plugin-ops-requests-node';
import { writeWorkspaceFile } from './workspaceFiles';
import { withDefaults } from './inputDefaults';

/**
 * Renders Kubernetes NetworkPolicies into the workspace: the namespace's
 * baseline (default-deny with DNS egress allowed), plus (when a source is
 * given) the requested allow. The manifests are validated against the
 * Kubernetes schemas before they are written.
 */
export function createRenderNetworkPolicyAction() {
  return createTemplateAction({
    id: 'integrated-ops:render:network-policy',
    description:
      "Renders a namespace's baseline NetworkPolicies (default-deny, DNS egress allowed) and optionally an allow rule for a flow, validated against the Kubernetes schemas.",
    supportsDryRun: true,
    schema: {
      input: {
        namespace: z => z.string().min(1),
        targetPath: z =>
          z
            .string()
            .min(1)
            .describe('File to write, relative to the workspace'),
        name: z => z.string().optional().describe('Name of the allow policy'),
        destinationApp: z => z.string().optional(),
        sourceCidrs: z => z.array(z.string()).default([]),
        ports: z => z.string().optional(),
        labels: z => z.record(z.string(), z.string()).default({}),
        annotations: z => z.record(z.string(), z.string()).default({}),
      },
      output: {
        path: z => z.string(),
        manifests: z => z.number(),
      },
    },
    async handler(ctx) {
      const input = withDefaults(ctx.input, {
        sourceCidrs: [],
        labels: {},
        annotations: {},
      });
      const manifests = namespaceBaseline(input.namespace, input.labels);
      if (input.sourceCidrs.length) {
        if (!input.name || !input.destinationApp || !input.ports) {
          throw new InputError(
            'an allow rule needs name, destinationApp and ports',
          );
        }
        let ports: PortRule[];
        try {
          ports = parsePorts(input.ports);
        } catch (error) {
          throw new InputError(`ports: ${(error as Error).message}`);
        }
        if (ports.some(p => p.protocol === 'icmp')) {
          ctx.logger.warn(
            'ICMP cannot be allowed by a NetworkPolicy; the firewall rule carries it',
          );
        }
        // ICMP alone: no allow rule (one without ports would allow every port).
        const policyPorts = ports.filter(p => p.protocol !== 'icmp');
        if (policyPorts.length) {
          manifests.push(
            allowIngressPolicy({
              name: input.name,
              namespace: input.namespace,
              destinationApp: input.destinationApp,
              from: ipBlockPeers(input.sourceCidrs),
              ports: policyPorts,
              labels: input.labels,
              annotations: input.annotations,
            }),
          );
        }
      }
      const yaml = toYamlDocuments(manifests);
      const count = validateManifests(yaml, input.targetPath);
      await writeWorkspaceFile(ctx.workspacePath, input.targetPath, yaml);
      ctx.logger.info(
        `Wrote ${
          input.targetPath
        }: ${count} NetworkPolicies (default-deny, DNS egress${
          input.sourceCidrs.length ? `, ${input.name}` : ''
        }), valid against the Kubernetes schemas`,
      );
      ctx.output('path', input.targetPath);
      ctx.output('manifests', count);
    },
  });
}
