import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ConnectivityService } from '../model/ConnectivityService';

/**
 * `connectivity-reach` in Backstage's actions registry, for AI agents over
 * MCP (mcp-actions backend): the answer of `GET /reach`, for the caller's
 * credentials (entities they may not read are unknown to them).
 */
export function registerReachAction(
  actionsRegistry: ActionsRegistryService,
  service: ConnectivityService,
) {
  actionsRegistry.register({
    name: 'connectivity-reach',
    title: 'Can A reach B on a port? (NetworkPolicies on main)',
    description:
      'Whether one catalog entity (or an IP address) can reach another on a port, by the Kubernetes NetworkPolicies ' +
      "on the infrastructure repository's main branch: when allowed, each rule that allows it (policy, file, expiry, " +
      'who asked); when denied, which side isolates it and by which policies. Ends are entity names or refs ' +
      '(component:default/payments-web) or IP addresses; the port is 8443, 8443/TCP or 53/UDP.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          from: z
            .string()
            .min(1)
            .max(300)
            .describe('Where the traffic starts: entity name or ref, or IP'),
          to: z
            .string()
            .min(1)
            .max(300)
            .describe('Where it goes: entity name or ref, or IP'),
          port: z.string().min(1).max(20).describe('8443, 8443/TCP or 53/UDP'),
        }),
      output: z =>
        z.object({
          allowed: z.boolean(),
          summary: z.string(),
          answer: z
            .any()
            .describe('The full answer of GET /api/connectivity/reach'),
        }),
    },
    action: async ({ input, credentials }) => {
      const answer = await service.reach(input, credentials);
      const name = (end: typeof answer.from) =>
        end.entityRef ?? end.address ?? '';
      const flow = `${name(answer.from)} -> ${name(answer.to)} ${
        answer.protocol
      } ${answer.port}`;
      const summary = answer.allowed
        ? `${flow}: allowed by ${
            answer.rules
              .map(r => `${r.policy.namespace}/${r.policy.name}`)
              .join(', ') || 'no isolating policy'
          }`
        : `${flow}: denied; isolated by ${answer.isolatedBy
            .map(
              i =>
                `${i.side === 'from' ? 'the source' : 'the destination'} (${
                  i.workload
                }): ${i.policies
                  .map(p => `${p.namespace}/${p.name}`)
                  .join(', ')}`,
            )
            .join('; ')}`;
      return { output: { allowed: answer.allowed, summary, answer } };
    },
  });
}
