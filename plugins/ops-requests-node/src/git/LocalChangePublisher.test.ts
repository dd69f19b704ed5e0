import { mkdir, mkdtemp, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { LocalChangePublisher } from './LocalChangePublisher';
import { LocalGitRepositories } from './LocalGitRepositories';

const tempDir = (prefix: string) => mkdtemp(join(tmpdir(), prefix));

describe('LocalChangePublisher with a seed', () => {
  it('creates main from the seed on first read, once, and changes branch off it', async () => {
    const seed = await tempDir('iop-seed-');
    await mkdir(join(seed, 'kubernetes/fraud'), { recursive: true });
    await writeFile(join(seed, 'kubernetes/fraud/baseline.yaml'), 'kind: X\n');
    await writeFile(join(seed, 'notes.txt'), 'not a manifest\n');
    const repos = new LocalGitRepositories(await tempDir('iop-seed-git-'));
    const publisher = new LocalChangePublisher(repos, 'infrastructure', seed);

    const main = await publisher.filesOnMain('kubernetes/');
    expect(main?.files).toEqual({
      'kubernetes/fraud/baseline.yaml': 'kind: X\n',
    });
    expect(main?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(await publisher.fileOnMain('notes.txt')).toBe('not a manifest\n');

    // A later change to the seed folder does not touch an existing main.
    await writeFile(join(seed, 'kubernetes/fraud/baseline.yaml'), 'kind: Y\n');
    const again = new LocalChangePublisher(repos, 'infrastructure', seed);
    expect((await again.filesOnMain('kubernetes/'))?.commit).toBe(main?.commit);

    const published = await again.publish({
      branch: 'change/cr-1',
      files: { 'kubernetes/fraud/allow.yaml': 'kind: Z\n' },
      title: 'A change',
      body: '',
      author: { name: 'raj', email: 'raj@users.invalid' },
    });
    expect(await again.files(published.commit)).toEqual({
      'kubernetes/fraud/allow.yaml': 'kind: Z\n',
    });
  });

  it('without a seed, reading an absent repository creates nothing', async () => {
    const repos = new LocalGitRepositories(await tempDir('iop-noseed-git-'));
    const publisher = new LocalChangePublisher(repos, 'infrastructure');
    expect(await publisher.filesOnMain('kubernetes/')).toEqual({ files: {} });
    expect(await repos.exists('infrastructure')).toBe(false);
  });
});
