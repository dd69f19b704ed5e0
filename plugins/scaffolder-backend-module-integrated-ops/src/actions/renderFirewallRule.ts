import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  parsePorts,
  PortRule,
} from '@integrated-ops/plugin-ops-requests-common';
import {
  firewallRuleTerraform,
  terraformName,
} from '@integrated-ops/plugin-ops-requests-node';
import { writeWorkspaceFile } from './workspaceFiles';
import { withDefaults } from './inputDefaults';

/** Renders the firewall / security-group change as Terraform (JSON syntax) into the workspace. */
export function createRenderFirewallRuleAction() {
  return createTemplateAction({
    id: 'integrated-ops:render:firewall-rule',
    description:
      'Renders the firewall rule for a flow as Terraform (.tf.json), tagged with change id, requester and expiry.',
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().min(1),
        description: z => z.string().min(1),
        targetPath: z => z.string().min(1),
        sourceCidrs: z => z.array(z.string()).min(1),
        destinationCidrs: z => z.array(z.string()).min(1),
        destinationZone: z => z.string().default('default'),
        ports: z => z.string(),
        tags: z => z.record(z.string(), z.string()).default({}),
      },
      output: { path: z => z.string(), rules: z => z.number() },
    },
    async handler(ctx) {
      const input = withDefaults(ctx.input, {
        destinationZone: 'default',
        tags: {},
      });
      let ports: PortRule[];
      try {
        ports = parsePorts(input.ports);
      } catch (error) {
        throw new InputError(`ports: ${(error as Error).message}`);
      }
      const terraform = firewallRuleTerraform(
        {
          name: terraformName(input.name),
          description: input.description,
          sourceCidrs: input.sourceCidrs,
          destinationCidrs: input.destinationCidrs,
          ports,
          tags: input.tags,
        },
        terraformName(`sg_${input.destinationZone}`),
      );
      const rules = Object.keys(
        terraform.resource.aws_vpc_security_group_ingress_rule,
      ).length;
      await writeWorkspaceFile(
        ctx.workspacePath,
        input.targetPath,
        `${JSON.stringify(terraform, null, 2)}\n`,
      );
      ctx.logger.info(`Wrote ${input.targetPath}: ${rules} ingress rules`);
      ctx.output('path', input.targetPath);
      ctx.output('rules', rules);
    },
  });
}
