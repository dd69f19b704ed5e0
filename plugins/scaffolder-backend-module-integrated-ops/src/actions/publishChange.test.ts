import { mkdir, mkdtemp, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { runAction } from '../__testUtils__/runAction';
import { LocalGitRepositories } from '@integrated-ops/plugin-ops-requests-node';
import { createPublishChangeAction } from './publishChange';

async function workspaceWith(files: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'iop-ws-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

describe('integrated-ops:gitops:publish', () => {
  let repositories: LocalGitRepositories;
  let action: ReturnType<typeof createPublishChangeAction>;

  beforeEach(async () => {
    repositories = new LocalGitRepositories(
      await mkdtemp(join(tmpdir(), 'iop-git-')),
    );
    action = createPublishChangeAction({ repositories });
  });

  it('creates a new service repository whose main holds the workspace directory', async () => {
    const workspacePath = await workspaceWith({
      'service/Dockerfile': 'FROM scratch\n',
      'service/catalog-info.yaml': 'kind: Component\n',
    });
    const run = await runAction(
      action,
      {
        repository: 'payments-notifier',
        sourcePath: 'service',
        title: 'Create payments-notifier',
      },
      { workspacePath },
    );
    expect(run.error).toBeUndefined();
    expect(run.outputs.branch).toBe('main');
    expect(run.outputs.files).toEqual(['Dockerfile', 'catalog-info.yaml']);
    expect(
      await repositories.show('payments-notifier', 'main', 'Dockerfile'),
    ).toBe('FROM scratch\n');
    // The task log names the repository, not the server's directories.
    expect(run.log.join('\n')).not.toContain(tmpdir());

    const again = await runAction(
      action,
      { repository: 'payments-notifier', sourcePath: 'service', title: 'x' },
      { workspacePath },
    );
    expect(again.error?.message).toBe(
      'repository payments-notifier already exists',
    );
  });

  it('only reports on a dry run', async () => {
    const workspacePath = await workspaceWith({ 'service/a.yaml': 'a\n' });
    const run = await runAction(
      action,
      { repository: 'payments-notifier', sourcePath: 'service', title: 't' },
      { workspacePath, isDryRun: true },
    );
    expect(run.error).toBeUndefined();
    expect(run.outputs.commit).toBe('dry-run');
    expect(run.log[0]).toBe(
      'Dry run: would create repository payments-notifier: a.yaml',
    );
    expect(await repositories.exists('payments-notifier')).toBe(false);
  });

  it('refuses an empty or missing source directory and a bad repository name', async () => {
    const workspacePath = await workspaceWith({ 'change/.keep': '' });
    const run = (input: Record<string, unknown>) =>
      runAction(
        action,
        { title: 't', repository: 'svc', ...input },
        {
          workspacePath,
        },
      ).then(r => r.error?.message);
    expect(await run({ sourcePath: 'nope' })).toBe(
      'nope is not a directory in the workspace',
    );
    expect(await run({ sourcePath: '../..' })).toBe(
      '../.. is outside the task workspace',
    );
    expect(await run({ sourcePath: 'change', repository: '../x' })).toBe(
      '"../x" is not a valid repository name',
    );
    expect(
      await run({ sourcePath: 'change', repository: '--upload-pack=touch' }),
    ).toBe('"--upload-pack=touch" is not a valid repository name');
  });
});
