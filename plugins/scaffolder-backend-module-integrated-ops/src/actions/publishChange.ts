import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { randomBytes } from 'crypto';
import { stringify } from 'yaml';
import { ChangePublisher } from '../git/ChangePublisher';
import { LocalGitRepositories } from '@internal/plugin-integrated-ops-node';
import { withDefaults } from './inputDefaults';
import { readWorkspaceDir, resolveInWorkspace } from './workspaceFiles';

const changeId = (now: Date) =>
  `cr-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(
    3,
  ).toString('hex')}`;

/**
 * Delivers rendered changes as git commits in the local repositories under
 * the data directory: `change` mode commits a workspace directory on a new
 * branch of the infrastructure repository with a change-request record
 * (change-requests/<id>.yaml); `new-repository` mode creates a service
 * repository from a workspace directory. Dry runs only report.
 */
export function createPublishChangeAction(options: {
  /** Where `change` mode goes: local branch, GitHub PR or GitLab MR. */
  changes: ChangePublisher;
  /** Where `new-repository` mode creates repositories. */
  repositories: LocalGitRepositories;
  now?: () => Date;
}) {
  const now = options.now ?? (() => new Date());
  return createTemplateAction({
    id: 'integrated-ops:gitops:publish',
    description:
      'Commits rendered changes to a git repository: a change branch with a change-request record, or a new repository.',
    supportsDryRun: true,
    schema: {
      input: {
        mode: z => z.enum(['change', 'new-repository']).default('change'),
        repository: z =>
          z
            .string()
            .optional()
            .describe('new-repository mode: the repository to create'),
        sourcePath: z =>
          z.string().default('.').describe('Workspace directory to publish'),
        title: z => z.string().min(1),
        description: z => z.string().default(''),
        record: z =>
          z
            .record(z.string(), z.unknown())
            .default({})
            .describe(
              'Details recorded with the change request (what, targets, policy, approvers)',
            ),
      },
      output: {
        repository: z => z.string(),
        branch: z => z.string(),
        commit: z => z.string(),
        changeRequestId: z => z.string(),
        provider: z =>
          z
            .string()
            .describe(
              'local, github or gitlab: where the change request lives',
            ),
        remote: z =>
          z
            .string()
            .describe(
              'The pull / merge request URL, or the local repository path',
            ),
        files: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      const input = withDefaults(ctx.input, {
        mode: 'change',
        sourcePath: '.',
        description: '',
        record: {},
      });
      const isChange = input.mode === 'change';
      if (!isChange && !input.repository) {
        throw new InputError('new-repository mode needs a repository name');
      }
      const repository = isChange
        ? options.changes.target
        : (input.repository as string);
      const source = resolveInWorkspace(ctx.workspacePath, input.sourcePath);
      const files: Record<string, string> = await readWorkspaceDir(
        ctx.workspacePath,
        input.sourcePath,
      );
      if (!Object.keys(files).length) {
        throw new InputError(`${input.sourcePath} holds no files to publish`);
      }

      const user = ctx.user?.ref ?? 'user:default/unknown';
      const author = {
        name: ctx.user?.entity?.metadata.title ?? user,
        email:
          (ctx.user?.entity?.spec?.profile as { email?: string } | undefined)
            ?.email ??
          `${user.replace(/^user:(default\/)?/, '')}@users.invalid`,
      };
      const id = isChange ? changeId(now()) : repository;
      const remote = isChange
        ? options.changes.target
        : options.repositories.remoteOf(repository);

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would ${
            isChange ? `commit on branch change/${id} of` : 'create'
          } ${repository}: ${Object.keys(files).join(', ')}`,
        );
        ctx.output('provider', isChange ? options.changes.provider : 'local');
        ctx.output('repository', repository);
        ctx.output('branch', isChange ? `change/${id}` : 'main');
        ctx.output('commit', 'dry-run');
        ctx.output('changeRequestId', id);
        ctx.output('remote', remote);
        ctx.output('files', Object.keys(files));
        return;
      }

      let published: {
        repository: string;
        branch: string;
        commit: string;
        files: string[];
        remote: string;
      };
      if (!isChange) {
        published = await options.repositories.publishNewRepository({
          repository,
          sourceDir: source,
          message: `${input.title}\n\n${input.description}`.trim(),
          author,
        });
      } else {
        files[`change-requests/${id}.yaml`] = stringify({
          id,
          title: input.title,
          description: input.description,
          requestedBy: user,
          requestedAt: now().toISOString(),
          taskId: ctx.task?.id,
          files: Object.keys(files),
          ...input.record,
        });
        const request = await options.changes.publish({
          branch: `change/${id}`,
          files,
          title: `${input.title} (${id})`,
          body: `${input.description}\n\nRequested-by: ${user}`.trim(),
          author,
        });
        published = { ...request, remote: request.url };
      }
      ctx.logger.info(
        `Committed ${published.commit.slice(0, 12)} on ${
          published.repository
        }:${published.branch} (${published.files.length} files): ${
          published.remote
        }`,
      );
      ctx.output('provider', isChange ? options.changes.provider : 'local');
      ctx.output('repository', published.repository);
      ctx.output('branch', published.branch);
      ctx.output('commit', published.commit);
      ctx.output('changeRequestId', id);
      ctx.output('remote', published.remote);
      ctx.output('files', published.files);
    },
  });
}
