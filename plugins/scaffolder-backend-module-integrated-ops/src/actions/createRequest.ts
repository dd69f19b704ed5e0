import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ChangePlan } from '@integrated-ops/plugin-ops-requests-common';
import { intentFromInput, requestIntentInput } from './requestIntentInput';
import { RequestsClient } from './requestsClient';
import { writeWorkspaceFile } from './workspaceFiles';

type Logger = { info(m: string): void; error(m: string): void };

/** Every rule of the backend's verdict in the task log, then who approves. */
function logVerdict(plan: ChangePlan, logger: Logger) {
  logger.info(`Policy ${plan.policy.version}:`);
  for (const r of plan.policy.results) {
    const line = `${r.passed ? 'PASS' : 'FAIL'} ${r.rule}: ${r.message}`;
    if (r.passed) logger.info(line);
    else logger.error(line);
  }
  logger.info(
    `Approval needed from: ${plan.requiredApprovals
      .map(d => `${d} (${plan.approvers[d] ?? 'no owner!'})`)
      .join(', ')}`,
  );
}

/**
 * Asks the ops-requests backend what filing this intent would do: the
 * policy verdict, the approving teams and the rendered change, all decided
 * by the backend. Writes the change under `change/` in the workspace (what a
 * dry run shows) and fails with every violated rule when the policy refuses.
 */
export function createPreviewRequestAction(options: {
  client: RequestsClient;
}) {
  return createTemplateAction({
    id: 'integrated-ops:request:preview',
    description:
      'Checks an intent against the change policy in the ops-requests backend and shows the change it would commit; commits nothing.',
    supportsDryRun: true,
    schema: {
      input: requestIntentInput,
      output: {
        policyVersion: z => z.string(),
        requiredApprovals: z => z.array(z.string()),
        approvers: z => z.record(z.string(), z.string()),
        files: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      const intent = intentFromInput(ctx.input);
      const plan = await options.client.preview(
        intent,
        await ctx.getInitiatorCredentials(),
      );
      logVerdict(plan, ctx.logger);
      if (!plan.policy.passed) {
        const failed = plan.policy.results.filter(r => !r.passed);
        throw new InputError(
          `Refused by policy ${plan.policy.version}:\n${failed
            .map(r => `- ${r.rule}: ${r.message}`)
            .join('\n')}`,
        );
      }
      for (const [path, content] of Object.entries(plan.files)) {
        await writeWorkspaceFile(ctx.workspacePath, `change/${path}`, content);
      }
      ctx.logger.info(`The change: ${Object.keys(plan.files).join(', ')}`);
      ctx.output('policyVersion', plan.policy.version);
      ctx.output('requiredApprovals', plan.requiredApprovals);
      ctx.output('approvers', plan.approvers as Record<string, string>);
      ctx.output('files', Object.keys(plan.files));
    },
  });
}

/**
 * Files the intent with the ops-requests backend on behalf of the user
 * who runs the template. The backend judges it again, commits the change on
 * a new branch of the infrastructure repository, names the approvers from
 * the catalog and notifies them; the task ends with a link to the request.
 */
export function createRequestAction(options: {
  client: RequestsClient;
  appBaseUrl: string;
}) {
  return createTemplateAction({
    id: 'integrated-ops:request:create',
    description:
      'Files a change request: the backend judges the intent, commits the change and asks the owning teams to approve it.',
    supportsDryRun: true,
    schema: {
      input: requestIntentInput,
      output: {
        requestId: z => z.string(),
        url: z => z.string(),
        branch: z => z.string(),
        commit: z => z.string(),
        policyVersion: z => z.string(),
        requiredApprovals: z => z.array(z.string()),
        approvers: z => z.record(z.string(), z.string()),
      },
    },
    async handler(ctx) {
      const intent = intentFromInput(ctx.input);
      const credentials = await ctx.getInitiatorCredentials();
      if (ctx.isDryRun) {
        const plan = await options.client.preview(intent, credentials);
        ctx.logger.info(
          `Dry run: would commit on a new branch change/<id> of the infrastructure repository and ask ${plan.requiredApprovals
            .map(d => `${d} (${plan.approvers[d]})`)
            .join(', ')} to approve "${plan.title}"`,
        );
        ctx.output('requestId', 'dry-run');
        ctx.output('url', '/ops-requests');
        ctx.output('branch', 'dry-run');
        ctx.output('commit', 'dry-run');
        ctx.output('policyVersion', plan.policy.version);
        ctx.output('requiredApprovals', plan.requiredApprovals);
        ctx.output('approvers', plan.approvers as Record<string, string>);
        return;
      }
      const created = await options.client.create(intent, credentials);
      // A path in the portal: the task page opens it in place.
      const url = `/ops-requests/${created.id}`;
      ctx.logger.info(
        `Committed ${created.change.commit.slice(0, 12)} on ${
          created.change.branch
        } of ${created.change.repository}; policy ${
          created.policy.version
        } passed`,
      );
      if (created.state === 'post-review' && created.breakGlass) {
        ctx.logger.info(
          `Break-glass: you are on call for ${created.breakGlass.onCallFor}, so ${created.id} is applied now without prior approval; it is revoked at ${created.expiresAt}. ${created.breakGlass.notify} and the owning teams were told; they confirm or revoke it before ${created.breakGlass.reviewDueAt}: ${options.appBaseUrl}${url}`,
        );
      } else
        ctx.logger.info(
          `Change request ${created.id} awaits approval from ${Object.entries(
            created.approvers,
          )
            .map(([d, team]) => `${d} (${team})`)
            .join(', ')}: ${options.appBaseUrl}${url}`,
        );
      ctx.output('requestId', created.id);
      ctx.output('url', url);
      ctx.output('branch', created.change.branch);
      ctx.output('commit', created.change.commit);
      ctx.output('policyVersion', created.policy.version);
      ctx.output('requiredApprovals', created.requiredApprovals);
      ctx.output('approvers', created.approvers as Record<string, string>);
    },
  });
}
