import { mkdir, mkdtemp, utimes, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { assertBranchName, LocalGitRepositories } from './LocalGitRepositories';

const author = { name: 'Tom', email: 'tom@bank.example' };
const portal = { name: 'Portal', email: 'portal@bank.example' };

describe('LocalGitRepositories', () => {
  let repos: LocalGitRepositories;
  beforeEach(async () => {
    repos = new LocalGitRepositories(await mkdtemp(join(tmpdir(), 'iop-git-')));
    await repos.ensure('infrastructure', '# infra\n');
  });

  const publish = (branch: string, files: Record<string, string | null>) =>
    repos.publishBranch({
      repository: 'infrastructure',
      branch,
      files,
      message: 'change',
      author,
    });

  it('creates a new repository once when two filings race for its name, and the loser removes nothing', async () => {
    const source = await mkdtemp(join(tmpdir(), 'iop-src-'));
    await writeFile(join(source, 'catalog-info.yaml'), 'kind: Component\n');
    const create = (who: string) =>
      repos.publishNewRepository({
        repository: 'fraud-scoring-v2',
        sourceDir: source,
        message: `Create by ${who}`,
        author: { ...author, name: who },
      });
    const outcomes = await Promise.allSettled([
      create('first'),
      create('second'),
      create('third'),
    ]);
    const created = outcomes.filter(o => o.status === 'fulfilled');
    expect(created).toHaveLength(1);
    for (const o of outcomes.filter(r => r.status === 'rejected')) {
      expect(String((o as PromiseRejectedResult).reason)).toContain(
        'repository fraud-scoring-v2 already exists',
      );
    }
    // The winner's repository is whole.
    expect(
      await repos.show('fraud-scoring-v2', 'main', 'catalog-info.yaml'),
    ).toBe('kind: Component\n');
  });

  it('takes over a directory a crashed creation left empty, but not one being created', async () => {
    const remote = repos.remoteOf('half-made');
    await mkdir(remote, { recursive: true });
    // Just made: someone is creating it.
    const source = await mkdtemp(join(tmpdir(), 'iop-src-'));
    await expect(
      repos.publishNewRepository({
        repository: 'half-made',
        sourceDir: source,
        message: 'Create',
        author,
      }),
    ).rejects.toThrow('repository half-made already exists');
    // Left for an hour without a repository in it: abandoned.
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(remote, hourAgo, hourAgo);
    await repos.ensure('half-made', '# made\n');
    expect(await repos.show('half-made', 'main', 'README.md')).toBe('# made\n');
  });

  it('ensures a repository once when replicas start at the same moment', async () => {
    await Promise.all([
      repos.ensure('shared', '# shared\n'),
      repos.ensure('shared', '# shared\n'),
      repos.ensure('shared', '# shared\n'),
    ]);
    expect(await repos.show('shared', 'main', 'README.md')).toBe('# shared\n');
  });

  it('merges exactly the reviewed commit into main', async () => {
    const change = await publish('change/cr-1', { 'a.yaml': 'a\n' });
    await repos.mergeCommit({
      repository: 'infrastructure',
      branch: 'change/cr-1',
      commit: change.commit,
      message: 'Apply cr-1',
      author: portal,
    });
    expect(await repos.show('infrastructure', 'main', 'a.yaml')).toBe('a\n');
  });

  it('refuses to merge a branch that moved since it was reviewed, and merges nothing', async () => {
    const reviewed = await publish('change/cr-2', { 'a.yaml': 'a\n' });
    // Someone with push access adds a commit to the branch after review.
    await repos.deleteBranch('infrastructure', 'change/cr-2');
    const moved = await publish('change/cr-2', { 'pci-db.yaml': 'open\n' });
    await expect(
      repos.mergeCommit({
        repository: 'infrastructure',
        branch: 'change/cr-2',
        commit: reviewed.commit,
        message: 'Apply cr-2',
        author: portal,
      }),
    ).rejects.toThrow(
      `change/cr-2 moved to ${moved.commit.slice(
        0,
        12,
      )} since ${reviewed.commit.slice(
        0,
        12,
      )} was reviewed; nothing was merged`,
    );
    await expect(
      repos.show('infrastructure', 'main', 'pci-db.yaml'),
    ).rejects.toThrow();
  });

  it('reads a change back from git: the files its commit adds or changes', async () => {
    await publish('change/base', { 'kept.yaml': 'k\n' });
    const change = await publish('change/cr-3', {
      'kubernetes/allow.yaml': 'kind: NetworkPolicy\n',
      'terraform/rule.tf.json': '{}\n',
    });
    expect(await repos.changedFiles('infrastructure', change.commit)).toEqual({
      'kubernetes/allow.yaml': 'kind: NetworkPolicy\n',
      'terraform/rule.tf.json': '{}\n',
    });
    await expect(
      repos.changedFiles('infrastructure', '--output=/tmp/x'),
    ).rejects.toThrow('"--output=/tmp/x" is not a commit id');
  });

  it('lists and deletes change branches', async () => {
    await publish('change/cr-4', { 'a.yaml': 'a\n' });
    await publish('revoke/cr-4', { 'b.yaml': 'b\n' });
    const listed = await repos.branches('infrastructure', 'change/');
    expect(listed.map(b => b.branch)).toEqual(['change/cr-4']);
    expect(Number.isNaN(Date.parse(listed[0].committedAt))).toBe(false);
    await repos.deleteBranch('infrastructure', 'change/cr-4');
    expect(await repos.branches('infrastructure', 'change/')).toEqual([]);
    expect(await repos.branchHead('infrastructure', 'change/cr-4')).toBe(
      undefined,
    );
  });

  it.each([
    '--upload-pack=touch /tmp/pwned',
    '-x',
    'change/../main',
    'change/a..b',
    'change/a b',
    'change/a~1',
    'change/a:b',
    'change/x.lock',
    'change/',
    'a'.repeat(201),
  ])('refuses the branch name %p before git sees it', async name => {
    expect(() => assertBranchName(name)).toThrow('is not a valid branch name');
    await expect(publish(name, { 'a.yaml': 'a\n' })).rejects.toThrow(
      'is not a valid branch name',
    );
  });

  it('accepts the branch names the portal makes', () => {
    expect(assertBranchName('change/cr-20260302-abcdef')).toBe(
      'change/cr-20260302-abcdef',
    );
    expect(assertBranchName('revoke/cr-20260302-abcdef')).toBe(
      'revoke/cr-20260302-abcdef',
    );
  });
});
