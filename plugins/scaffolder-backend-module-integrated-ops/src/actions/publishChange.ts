import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { LocalGitRepositories } from '@integrated-ops/plugin-ops-requests-node';
import { withDefaults } from './inputDefaults';
import { readWorkspaceDir, resolveInWorkspace } from './workspaceFiles';
import { NewServiceNames } from './serviceNames';
import { assertPlainTextInput } from './plainTextInput';

/**
 * Creates a new service's repository from a workspace directory, in the
 * local repositories under the data directory. (Changes to the
 * infrastructure repository are committed by the ops-requests backend
 * only, from a request's intent: integrated-ops:request:create.)
 *
 * When the repository cannot be created, the catalog file this same task
 * registered for that name (integrated-ops:catalog:write, the step before)
 * is taken back, so a failed New service run leaves nothing registered.
 */
export function createPublishChangeAction(options: {
  repositories: LocalGitRepositories;
  names?: NewServiceNames;
}) {
  return createTemplateAction({
    id: 'integrated-ops:gitops:publish',
    description:
      'Creates a git repository whose main branch holds a workspace directory.',
    supportsDryRun: true,
    schema: {
      input: {
        repository: z =>
          z.string().min(1).max(63).describe('The repository to create'),
        sourcePath: z =>
          z.string().default('.').describe('Workspace directory to publish'),
        title: z => z.string().min(1).max(500),
        description: z => z.string().max(10_000).default(''),
      },
      output: {
        repository: z => z.string(),
        branch: z => z.string(),
        commit: z => z.string(),
        remote: z => z.string().describe('The repository, to clone'),
        files: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      assertPlainTextInput(ctx.input);
      const input = withDefaults(ctx.input, {
        sourcePath: '.',
        description: '',
      });
      const { repository } = input;
      const remote = options.repositories.remoteOf(repository);
      const source = resolveInWorkspace(ctx.workspacePath, input.sourcePath);
      const files = await readWorkspaceDir(ctx.workspacePath, input.sourcePath);
      if (!Object.keys(files).length) {
        throw new InputError(`${input.sourcePath} holds no files to publish`);
      }
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create repository ${repository}: ${Object.keys(
            files,
          ).join(', ')}`,
        );
        ctx.output('repository', repository);
        ctx.output('branch', 'main');
        ctx.output('commit', 'dry-run');
        ctx.output('remote', remote);
        ctx.output('files', Object.keys(files));
        return;
      }
      const user = ctx.user?.ref ?? 'user:default/unknown';
      let published;
      try {
        published = await options.repositories.publishNewRepository({
          repository,
          sourceDir: source,
          message: `${input.title}\n\n${input.description}`.trim(),
          author: {
            name: ctx.user?.entity?.metadata.title ?? user,
            email:
              (
                ctx.user?.entity?.spec?.profile as
                  | { email?: string }
                  | undefined
              )?.email ??
              `${user.replace(/^user:(default\/)?/, '')}@users.invalid`,
          },
        });
      } catch (error) {
        const taskId = ctx.task?.id;
        if (taskId && (await options.names?.release(repository, taskId))) {
          ctx.logger.warn(
            `Took back the catalog registration of ${repository} this task made: the repository was not created`,
          );
        }
        throw error;
      }
      // The task log names the repository, not where it lives on the server.
      ctx.logger.info(
        `Committed ${published.commit.slice(0, 12)} on ${repository}:main (${
          published.files.length
        } files)`,
      );
      ctx.output('repository', published.repository);
      ctx.output('branch', published.branch);
      ctx.output('commit', published.commit);
      ctx.output('remote', published.remote);
      ctx.output('files', published.files);
    },
  });
}
