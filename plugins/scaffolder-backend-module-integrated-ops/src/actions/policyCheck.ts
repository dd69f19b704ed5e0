import { ConflictError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  Discipline,
  DISCIPLINES,
} from '@integrated-ops/plugin-integrated-ops-common';
import {
  ChangeRequestFacts,
  evaluatePolicy,
  parsePorts,
  PortRule,
  POLICY_KINDS,
  SECURITY_CONTROLS,
} from '@integrated-ops/plugin-ops-requests-common';
import {
  loadChangePolicy,
  ResolvedTarget,
  TargetResolver,
} from '@integrated-ops/plugin-ops-requests-node';
import { withDefaults } from './inputDefaults';
import { NewServiceNames } from './serviceNames';
import { assertPlainTextInput } from './plainTextInput';
import { describeOwnerTeam } from './ownerTeams';

/**
 * The id of the scaffolder action that judges a new service against the
 * change policy.
 *
 * @public
 */
export const POLICY_CHECK_ACTION_ID = 'integrated-ops:policy:check';

/**
 * Judges a new service against policies/change-policy.yaml before any other
 * step of the New service template runs. (Network access and security
 * controls are judged by the ops-requests backend when they are filed:
 * integrated-ops:request:preview and :create.) Logs every
 * rule; fails the task with one line per violated rule. Resolves the targets
 * from the catalog and outputs what later steps render, and who must approve.
 *
 * A new service is refused before anything else when its name is taken (a
 * Component of that name in any case, a registered catalog file, a
 * repository), and its owners, chosen or inherited, are described from the
 * catalog for the owner-discipline rule.
 */
export function createPolicyCheckAction(options: {
  catalog: CatalogService;
  policyFile: string;
  names: NewServiceNames;
  now?: () => Date;
}) {
  const now = options.now ?? (() => new Date());
  return createTemplateAction({
    id: POLICY_CHECK_ACTION_ID,
    description:
      'Checks a self-service request against the versioned change policy and resolves its targets and approvers from the catalog.',
    supportsDryRun: true,
    schema: {
      input: {
        kind: z => z.enum(POLICY_KINDS).describe('What is asked for'),
        names: z =>
          z
            .array(z.string())
            .describe('Names the request creates (checked by the naming rule)'),
        labels: z => z.record(z.string(), z.string()).optional(),
        source: z =>
          z
            .string()
            .optional()
            .describe('network-access: entity the traffic comes from'),
        destination: z =>
          z
            .string()
            .optional()
            .describe('network-access: entity the traffic goes to'),
        ports: z =>
          z.string().optional().describe('e.g. "443/tcp, 8080-8090/tcp"'),
        component: z =>
          z
            .string()
            .optional()
            .describe('security-controls: the component to change'),
        system: z =>
          z.string().optional().describe('new-service: the System it joins'),
        owners: z =>
          z
            .object({
              netops: z.string().optional(),
              devops: z.string().optional(),
              secops: z.string().optional(),
            })
            .optional()
            .describe(
              'new-service: owners chosen in the form (blank: inherit from the System)',
            ),
        exposure: z => z.enum(['internal', 'internet']).default('internal'),
        dataClasses: z => z.array(z.string()).default([]),
        controls: z => z.array(z.enum(SECURITY_CONTROLS)).optional(),
        exceptions: z =>
          z
            .array(
              z.object({
                control: z.enum(SECURITY_CONTROLS),
                justification: z.string(),
              }),
            )
            .optional(),
        expiresAt: z =>
          z
            .string()
            .optional()
            .describe('ISO date or date-time the grant ends'),
      },
      output: {
        passed: z => z.boolean(),
        policyVersion: z => z.string(),
        results: z =>
          z.array(
            z.object({
              rule: z.string(),
              passed: z.boolean(),
              message: z.string(),
            }),
          ),
        requiredApprovals: z => z.array(z.string()),
        approvers: z => z.record(z.string(), z.string()),
        targets: z => z.array(z.string()),
        sourceCidrs: z => z.array(z.string()),
        destinationCidrs: z => z.array(z.string()),
        destinationZone: z => z.string(),
        destinationNamespace: z => z.string(),
        destinationApp: z => z.string(),
      },
    },
    async handler(ctx) {
      assertPlainTextInput(ctx.input);
      const input = withDefaults(ctx.input, {
        exposure: 'internal',
        dataClasses: [],
      });
      const resolver = new TargetResolver(
        options.catalog,
        await ctx.getInitiatorCredentials(),
      );
      let ports: PortRule[] | undefined;
      if (input.ports !== undefined) {
        try {
          ports = parsePorts(input.ports);
        } catch (error) {
          throw new InputError(`ports: ${(error as Error).message}`);
        }
      }

      const need = (value: string | undefined, field: string) => {
        if (!value)
          throw new InputError(
            `${field} is required for a ${input.kind} request`,
          );
        return value;
      };
      let source: ResolvedTarget | undefined;
      let destination: ResolvedTarget | undefined;
      let owners: Partial<Record<Discipline, string>> = {};
      let ownerTeams: ChangeRequestFacts['ownerTeams'];
      let production = false;
      const dataClasses = new Set(input.dataClasses.map(c => c.toLowerCase()));

      if (input.kind === 'network-access') {
        source = await resolver.resolve(need(input.source, 'source'), 'source');
        destination = await resolver.resolve(
          need(input.destination, 'destination'),
          'destination',
        );
        need(input.ports, 'ports');
        owners = destination.owners;
        production = destination.production || source.production;
        destination.dataClasses.forEach(c => dataClasses.add(c.toLowerCase()));
        ctx.logger.info(
          `Flow ${source.entityRef} [${
            source.cidrs.join(', ') || 'no address'
          }] -> ${destination.entityRef} [${
            destination.cidrs.join(', ') || 'no address'
          }], zone ${destination.zone ?? 'default'}`,
        );
      } else if (input.kind === 'security-controls') {
        destination = await resolver.resolve(
          need(input.component, 'component'),
          'component',
        );
        owners = destination.owners;
        production = destination.production;
        destination.dataClasses.forEach(c => dataClasses.add(c.toLowerCase()));
      } else {
        // A name another team holds is refused before anything is written.
        const held = (
          await Promise.all(input.names.map(n => options.names.holders(n)))
        ).flat();
        if (held.length) {
          held.forEach(h => ctx.logger.error(`FAIL name: ${h}`));
          throw new ConflictError(
            `${input.names
              .map(n => `"${n}"`)
              .join(', ')} is taken, nothing was written: ${held.join(
              '; ',
            )}. Choose another name.`,
          );
        }
        const system = await resolver.resolve(
          need(input.system, 'system'),
          'system',
        );
        owners = { ...system.owners };
        for (const d of DISCIPLINES) {
          if (input.owners?.[d]) owners[d] = input.owners[d];
        }
        const credentials = await ctx.getInitiatorCredentials();
        ownerTeams = {};
        for (const d of DISCIPLINES) {
          if (!owners[d]) continue;
          ownerTeams[d] = await describeOwnerTeam(
            options.catalog,
            credentials,
            owners[d]!,
            input.owners?.[d] ? undefined : system.entityRef,
          );
        }
        production = true;
      }

      const facts: ChangeRequestFacts = {
        kind: input.kind,
        names: input.names,
        labels: input.labels,
        source: source && {
          entityRef: source.entityRef,
          cidrs: source.cidrs,
          zone: source.zone,
          lifecycle: source.lifecycle,
        },
        destination:
          input.kind === 'network-access' && destination
            ? {
                entityRef: destination.entityRef,
                cidrs: destination.cidrs,
                zone: destination.zone,
                lifecycle: destination.lifecycle,
              }
            : undefined,
        ports,
        exposure: input.exposure,
        dataClasses: [...dataClasses],
        production,
        expiresAt: input.expiresAt,
        controls: input.controls,
        exceptions: input.exceptions,
        owners,
        ownerTeams,
      };

      const policy = await loadChangePolicy(options.policyFile);
      const result = evaluatePolicy(policy, facts, now());
      ctx.logger.info(
        `Policy ${result.policy.name} version ${result.policy.version}:`,
      );
      for (const r of result.results) {
        const line = `${r.passed ? 'PASS' : 'FAIL'} ${r.rule}: ${r.message}`;
        if (r.passed) ctx.logger.info(line);
        else ctx.logger.error(line);
      }

      const approvers: Record<string, string> = {};
      for (const d of result.requiredApprovals) {
        const team =
          d === 'change-advisory' ? result.changeAdvisory : owners[d];
        if (team) approvers[d] = team;
      }
      ctx.output('passed', result.passed);
      ctx.output(
        'policyVersion',
        `${result.policy.name}@${result.policy.version}`,
      );
      ctx.output('results', result.results);
      ctx.output('requiredApprovals', result.requiredApprovals);
      ctx.output('approvers', approvers);
      ctx.output(
        'targets',
        [source?.entityRef, destination?.entityRef].filter(
          (r): r is string => !!r,
        ),
      );
      ctx.output('sourceCidrs', source?.cidrs ?? []);
      ctx.output('destinationCidrs', destination?.cidrs ?? []);
      ctx.output('destinationZone', destination?.zone ?? 'default');
      ctx.output('destinationNamespace', destination?.namespace ?? 'default');
      ctx.output('destinationApp', destination?.name ?? '');

      if (!result.passed) {
        const failed = result.results.filter(r => !r.passed);
        throw new InputError(
          `Refused by policy ${result.policy.name}@${
            result.policy.version
          }:\n${failed.map(r => `- ${r.rule}: ${r.message}`).join('\n')}`,
        );
      }
      ctx.logger.info(
        `Allowed. Approval needed from: ${result.requiredApprovals
          .map(d => `${d} (${approvers[d] ?? 'no owner!'})`)
          .join(', ')}`,
      );
    },
  });
}
