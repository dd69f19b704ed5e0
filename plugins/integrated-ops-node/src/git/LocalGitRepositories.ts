import { InputError, NotFoundError } from '@backstage/errors';
import { mkdtemp, mkdir, rm, stat, writeFile, cp } from 'fs/promises';
import { tmpdir } from 'os';
import { dirname, join, relative, resolve } from 'path';
import { simpleGit, SimpleGit } from 'simple-git';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PORTAL = {
  name: 'Integrated Ops Portal',
  email: 'portal@integrated-ops.invalid',
};

export interface Author {
  name: string;
  email: string;
}

export interface PublishedChange {
  repository: string;
  branch: string;
  commit: string;
  /** Where to fetch it from: the bare repository's path. */
  remote: string;
  files: string[];
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * Bare git repositories under one directory: the embedded default's
 * "infrastructure repository" and the new services' repositories, so the
 * portal publishes real, reviewable git changes with no network. Uses the
 * git CLI through simple-git (isomorphic-git cannot push to a path).
 */
export class LocalGitRepositories {
  constructor(private readonly root: string) {}

  remoteOf(repository: string): string {
    if (!NAME.test(repository)) {
      throw new InputError(`"${repository}" is not a valid repository name`);
    }
    return join(this.root, `${repository}.git`);
  }

  async exists(repository: string): Promise<boolean> {
    return exists(join(this.remoteOf(repository), 'HEAD'));
  }

  /** Creates the bare repository with a first commit on main, unless it exists. */
  async ensure(repository: string, readme: string): Promise<void> {
    if (await this.exists(repository)) return;
    await this.withClone(repository, true, async (git, dir) => {
      await writeFile(join(dir, 'README.md'), readme);
      await git.add('.');
      await this.commit(git, `Create ${repository}`, PORTAL);
      await git.push('origin', 'main');
    });
  }

  /**
   * Commits files on a new branch off main and pushes it: the change to
   * review. A file whose content is null is deleted (a revocation).
   */
  async publishBranch(options: {
    repository: string;
    branch: string;
    files: Record<string, string | null>;
    message: string;
    author: Author;
  }): Promise<PublishedChange> {
    const { repository, branch } = options;
    if (!(await this.exists(repository))) {
      throw new NotFoundError(`repository ${repository} does not exist`);
    }
    return this.withClone(repository, false, async (git, dir) => {
      const branches = await git.branch(['-r']);
      if (branches.all.includes(`origin/${branch}`)) {
        throw new InputError(
          `branch ${branch} already exists in ${repository}`,
        );
      }
      await git.checkoutLocalBranch(branch);
      const deleted = Object.entries(options.files)
        .filter(([, content]) => content === null)
        .map(([path]) => path);
      const written = Object.fromEntries(
        Object.entries(options.files).filter(
          (entry): entry is [string, string] => entry[1] !== null,
        ),
      );
      const files = await this.writeFiles(dir, written);
      if (files.length) await git.add(files);
      if (deleted.length) await git.rm(deleted);
      const commit = await this.commit(git, options.message, options.author);
      await git.push('origin', branch);
      return {
        repository,
        branch,
        commit,
        remote: this.remoteOf(repository),
        files: [...files, ...deleted],
      };
    });
  }

  /** Creates a repository whose main branch holds the given directory. */
  async publishNewRepository(options: {
    repository: string;
    sourceDir: string;
    message: string;
    author: Author;
  }): Promise<PublishedChange> {
    const { repository } = options;
    if (await this.exists(repository)) {
      throw new InputError(`repository ${repository} already exists`);
    }
    return this.withClone(repository, true, async (git, dir) => {
      await cp(options.sourceDir, dir, {
        recursive: true,
        filter: src =>
          !relative(options.sourceDir, src).split('/').includes('.git'),
      });
      await git.add('.');
      const commit = await this.commit(git, options.message, options.author);
      await git.push('origin', 'main');
      const files = (await git.raw(['ls-files'])).split('\n').filter(Boolean);
      return {
        repository,
        branch: 'main',
        commit,
        remote: this.remoteOf(repository),
        files,
      };
    });
  }

  /** Merges a change branch into main (a merge commit), as the reviewer's approval does. */
  async mergeBranch(
    repository: string,
    branch: string,
    message: string,
    author: Author,
  ) {
    return this.withClone(
      repository,
      false,
      async git => {
        await git.fetch('origin', branch);
        await git.merge([`origin/${branch}`, '--no-ff', '-m', message]);
        await git.push('origin', 'main');
        return (await git.revparse(['HEAD'])).trim();
      },
      author,
    );
  }

  /** The content of a file at a ref, for tests and for showing a change. */
  async show(repository: string, ref: string, path: string): Promise<string> {
    return simpleGit()
      .cwd(this.remoteOf(repository))
      .show([`${ref}:${path}`]);
  }

  private async writeFiles(dir: string, files: Record<string, string>) {
    const written: string[] = [];
    for (const [path, content] of Object.entries(files)) {
      const target = resolve(dir, path);
      if (!target.startsWith(`${dir}/`)) {
        throw new InputError(`file path ${path} leaves the repository`);
      }
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
      written.push(relative(dir, target));
    }
    return written;
  }

  private async commit(git: SimpleGit, message: string, author: Author) {
    await git.commit(message, undefined, {
      '--author': `${author.name} <${author.email}>`,
    });
    return (await git.revparse(['HEAD'])).trim();
  }

  /** Runs work in a throw-away clone (or a fresh repo pushed to a new bare one). */
  private async withClone<T>(
    repository: string,
    create: boolean,
    work: (git: SimpleGit, dir: string) => Promise<T>,
    committer: Author = PORTAL,
  ): Promise<T> {
    const remote = this.remoteOf(repository);
    const dir = await mkdtemp(join(tmpdir(), `iop-${repository}-`));
    try {
      if (create) {
        await mkdir(remote, { recursive: true });
        await simpleGit(remote).init(true, ['--initial-branch=main']);
        await simpleGit(dir).init(['--initial-branch=main']);
        await simpleGit(dir).addRemote('origin', remote);
      } else {
        await simpleGit().clone(remote, dir);
      }
      const git = simpleGit(dir);
      await git.addConfig('user.name', committer.name);
      await git.addConfig('user.email', committer.email);
      await git.addConfig('commit.gpgsign', 'false');
      return await work(git, dir);
    } catch (error) {
      // A repository that failed to come into being is not left half-made.
      if (create) await rm(remote, { recursive: true, force: true });
      throw error;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
