import { mkdir, mkdtemp, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { simpleGit } from 'simple-git';
import { parse } from 'yaml';
import { runAction } from '../__testUtils__/runAction';
import { LocalChangePublisher } from '../git/LocalChangePublisher';
import { LocalGitRepositories } from '@internal/plugin-integrated-ops-node';
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
    action = createPublishChangeAction({
      changes: new LocalChangePublisher(repositories, 'infrastructure'),
      repositories,
      now: () => new Date('2026-03-02T12:00:00Z'),
    });
  });

  it('commits the change on a new branch of the infrastructure repository, with its change-request record', async () => {
    const workspacePath = await workspaceWith({
      'change/kubernetes/fraud/allow.yaml': 'kind: NetworkPolicy\n',
      'change/terraform/rule.tf.json': '{}\n',
    });
    const run = await runAction(
      action,
      {
        sourcePath: 'change',
        title: 'Network access: a -> b (443/tcp)',
        description: 'Case management reads scores',
        record: {
          kind: 'network-access',
          approvers: { netops: 'group:default/netops-dc' },
        },
      },
      { workspacePath },
    );
    expect(run.error).toBeUndefined();
    const { branch, commit, changeRequestId } = run.outputs;
    expect(changeRequestId).toMatch(/^cr-20260302-[0-9a-f]{6}$/);
    expect(branch).toBe(`change/${changeRequestId}`);

    // The commit is on that branch of the bare repository, main is untouched.
    const git = simpleGit(repositories.remoteOf('infrastructure'));
    expect((await git.revparse([branch])).trim()).toBe(commit);
    expect(
      (await git.raw(['ls-tree', '-r', '--name-only', branch]))
        .split('\n')
        .filter(Boolean),
    ).toEqual([
      'README.md',
      `change-requests/${changeRequestId}.yaml`,
      'kubernetes/fraud/allow.yaml',
      'terraform/rule.tf.json',
    ]);
    expect(await git.raw(['ls-tree', '-r', '--name-only', 'main'])).toBe(
      'README.md\n',
    );
    const log = await git.log([branch, '-1']);
    expect(log.latest?.message).toBe(
      `Network access: a -> b (443/tcp) (${changeRequestId})`,
    );
    expect(log.latest?.author_name).toBe('user:default/guest');

    const record = parse(
      await repositories.show(
        'infrastructure',
        branch,
        `change-requests/${changeRequestId}.yaml`,
      ),
    );
    expect(record).toMatchObject({
      id: changeRequestId,
      requestedBy: 'user:default/guest',
      requestedAt: '2026-03-02T12:00:00.000Z',
      kind: 'network-access',
      approvers: { netops: 'group:default/netops-dc' },
      files: ['kubernetes/fraud/allow.yaml', 'terraform/rule.tf.json'],
    });
    expect(
      await repositories.show(
        'infrastructure',
        branch,
        'kubernetes/fraud/allow.yaml',
      ),
    ).toBe('kind: NetworkPolicy\n');
  });

  it('creates a new service repository whose main holds the workspace directory', async () => {
    const workspacePath = await workspaceWith({
      'service/Dockerfile': 'FROM scratch\n',
      'service/catalog-info.yaml': 'kind: Component\n',
    });
    const run = await runAction(
      action,
      {
        mode: 'new-repository',
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

    const again = await runAction(
      action,
      {
        mode: 'new-repository',
        repository: 'payments-notifier',
        sourcePath: 'service',
        title: 'x',
      },
      { workspacePath },
    );
    expect(again.error?.message).toBe(
      'repository payments-notifier already exists',
    );
  });

  it('only reports on a dry run', async () => {
    const workspacePath = await workspaceWith({ 'change/a.yaml': 'a\n' });
    const run = await runAction(
      action,
      { sourcePath: 'change', title: 't' },
      { workspacePath, isDryRun: true },
    );
    expect(run.error).toBeUndefined();
    expect(run.outputs.commit).toBe('dry-run');
    expect(run.log[0]).toMatch(
      /^Dry run: would commit on branch change\/cr-20260302-[0-9a-f]{6} of \/.*\/infrastructure\.git: a\.yaml$/,
    );
    expect(await repositories.exists('infrastructure')).toBe(false);
  });

  it('refuses an empty or missing source directory and a bad repository name', async () => {
    const workspacePath = await workspaceWith({ 'change/.keep': '' });
    expect(
      (
        await runAction(
          action,
          { sourcePath: 'nope', title: 't' },
          { workspacePath },
        )
      ).error?.message,
    ).toBe('nope is not a directory in the workspace');
    expect(
      (
        await runAction(
          action,
          { sourcePath: '../..', title: 't' },
          { workspacePath },
        )
      ).error?.message,
    ).toBe('../.. is outside the task workspace');
    expect(
      (
        await runAction(
          action,
          {
            mode: 'new-repository',
            sourcePath: 'change',
            title: 't',
            repository: '../x',
          },
          { workspacePath },
        )
      ).error?.message,
    ).toBe('"../x" is not a valid repository name');
  });

  it('merges an approved change into main', async () => {
    const workspacePath = await workspaceWith({ 'change/a.yaml': 'a\n' });
    const run = await runAction(
      action,
      { sourcePath: 'change', title: 't' },
      { workspacePath },
    );
    await repositories.mergeBranch(
      'infrastructure',
      run.outputs.branch,
      'Merge approved change',
      {
        name: 'NetOps DC',
        email: 'netops-dc@bank.example',
      },
    );
    expect(await repositories.show('infrastructure', 'main', 'a.yaml')).toBe(
      'a\n',
    );
  });
});
