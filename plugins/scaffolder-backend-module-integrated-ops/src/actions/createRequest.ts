import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DISCIPLINES,
  NewChangeRequest,
} from '@internal/plugin-integrated-ops-common';
import { withDefaults } from './inputDefaults';
import { readWorkspaceDir } from './workspaceFiles';

/**
 * Files the published change as a change request in the integrated-ops
 * backend, on behalf of the user who runs the template: the backend names the
 * approvers from the catalog, notifies them, and applies the change once they
 * approve. The task ends here, with a link to the request; nothing waits.
 */
export function createRequestAction(options: {
  auth: AuthService;
  discovery: DiscoveryService;
  appBaseUrl: string;
}) {
  return createTemplateAction({
    id: 'integrated-ops:request:create',
    description:
      'Creates the change request that the owning teams approve; the change is applied when they do.',
    supportsDryRun: true,
    schema: {
      input: {
        kind: z =>
          z.enum(['network-access', 'new-service', 'security-controls']),
        title: z => z.string().min(1),
        description: z => z.string().default(''),
        targets: z =>
          z
            .array(z.string())
            .min(1)
            .describe('Entity refs; the first one’s owners approve'),
        provider: z => z.enum(['local', 'github', 'gitlab']),
        repository: z => z.string(),
        branch: z => z.string(),
        commit: z => z.string(),
        url: z => z.string(),
        sourcePath: z =>
          z
            .string()
            .describe(
              'Workspace directory holding the change, shown as its diff',
            ),
        policyVersion: z => z.string(),
        policyResults: z =>
          z.array(
            z.object({
              rule: z.string(),
              passed: z.boolean(),
              message: z.string(),
            }),
          ),
        requiredApprovals: z => z.array(z.enum(DISCIPLINES)).min(1),
        expiresAt: z => z.string().optional(),
      },
      output: {
        requestId: z => z.string(),
        url: z => z.string(),
        approvers: z => z.record(z.string(), z.string()),
      },
    },
    async handler(ctx) {
      const input = withDefaults(ctx.input, { description: '' });
      const body: NewChangeRequest = {
        kind: input.kind,
        title: input.title,
        description: input.description,
        targets: input.targets,
        change: {
          provider: input.provider,
          repository: input.repository,
          branch: input.branch,
          commit: input.commit,
          url: input.url,
          files: await readWorkspaceDir(ctx.workspacePath, input.sourcePath),
        },
        policy: { version: input.policyVersion, results: input.policyResults },
        requiredApprovals: input.requiredApprovals,
        expiresAt: input.expiresAt,
      };
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would ask ${input.requiredApprovals.join(', ')} owners of ${
            input.targets[0]
          } to approve "${input.title}"`,
        );
        ctx.output('requestId', 'dry-run');
        ctx.output('url', '/ops-requests');
        ctx.output('approvers', {});
        return;
      }
      const { token } = await options.auth.getPluginRequestToken({
        onBehalfOf: await ctx.getInitiatorCredentials(),
        targetPluginId: 'integrated-ops',
      });
      const baseUrl = await options.discovery.getBaseUrl('integrated-ops');
      const response = await fetch(`${baseUrl}/requests`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token}`,
        },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw await ResponseError.fromResponse(response);
      const created = await response.json();
      // A path in the portal: the task page opens it in place.
      const url = `/ops-requests/${created.id}`;
      ctx.logger.info(
        `Change request ${created.id} awaits approval from ${Object.entries(
          created.approvers,
        )
          .map(([d, team]) => `${d} (${team})`)
          .join(', ')}: ${options.appBaseUrl}${url}`,
      );
      ctx.output('requestId', created.id);
      ctx.output('url', url);
      ctx.output('approvers', created.approvers);
    },
  });
}
