import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import isGitRefNameValid from 'is-git-ref-name-valid';
import { mkdtemp, mkdir, rm, stat, writeFile, cp } from 'fs/promises';
import { tmpdir } from 'os';
import { dirname, join, relative, resolve } from 'path';
import { simpleGit, SimpleGit } from 'simple-git';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PORTAL = {
  name: 'Integrated Ops Portal',
  email: 'portal@integrated-ops.invalid',
};

/**
 * The author of a commit.
 *
 * @public
 */
export interface Author {
  /** The name git records. */
  name: string;
  /** The email git records. */
  email: string;
}

/**
 * A change committed to a local repository on its own branch.
 *
 * @public
 */
export interface PublishedChange {
  /** The repository's name. */
  repository: string;
  /** The branch committed on (`main` for a new repository). */
  branch: string;
  /** The commit's id (SHA). */
  commit: string;
  /** Where to fetch it from: the bare repository's path. */
  remote: string;
  /** Paths the commit writes or deletes (for a new repository, every file). */
  files: string[];
}

/**
 * A branch name git would accept (git check-ref-format rules), and never one
 * that could be read as an option: checked here, not left to simple-git.
 *
 * @public
 */
export function assertBranchName(branch: string): string {
  if (
    branch.length > 200 ||
    branch.startsWith('-') ||
    !isGitRefNameValid(`refs/heads/${branch}`)
  ) {
    throw new InputError(`"${branch.slice(0, 80)}" is not a valid branch name`);
  }
  return branch;
}

const COMMIT = /^[0-9a-f]{40}$/;

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** A creation takes seconds; a directory with no repository this old was abandoned. */
const ABANDONED_AFTER_MS = 10 * 60_000;

/** The repository's directory exists: another filing created (or is creating) it. */
class RepositoryTakenError extends InputError {
  constructor(repository: string) {
    super(`repository ${repository} already exists`);
  }
}

/**
 * Bare git repositories under one directory: the embedded default's
 * "infrastructure repository" and the new services' repositories, so the
 * portal publishes real, reviewable git changes with no network. Uses the
 * git CLI through simple-git (isomorphic-git cannot push to a path).
 *
 * @public
 */
export class LocalGitRepositories {
  private readonly turns = new Map<string, Promise<void>>();

  /** The last files read per repository and folder, with their commit. */
  readonly #filesAtCommit = new Map<
    string,
    { commit: string; files: Record<string, string> }
  >();

  constructor(private readonly root: string) {}

  /** The bare repository's path under the root; refuses a name that is not lower-case letters, digits and dashes. */
  remoteOf(repository: string): string {
    if (!NAME.test(repository)) {
      throw new InputError(`"${repository}" is not a valid repository name`);
    }
    return join(this.root, `${repository}.git`);
  }

  /** Whether the bare repository exists (has a HEAD). */
  async exists(repository: string): Promise<boolean> {
    return exists(join(this.remoteOf(repository), 'HEAD'));
  }

  /**
   * Creates the bare repository with a first commit on main (the README and
   * the seed's files, path → content), unless it exists; when another
   * replica is creating it at the same moment, waits until its main is there.
   */
  async ensure(
    repository: string,
    readme: string,
    seed: Record<string, string> = {},
  ): Promise<void> {
    if (await this.exists(repository)) return;
    try {
      await this.withClone(repository, true, async (git, dir) => {
        await this.writeFiles(dir, seed);
        await writeFile(join(dir, 'README.md'), readme);
        await git.add('.');
        await this.commit(git, `Create ${repository}`, PORTAL);
        await git.push('origin', 'main');
      });
    } catch (error) {
      if (!(error instanceof RepositoryTakenError)) throw error;
      for (let waited = 0; waited < 30_000; waited += 250) {
        if (await this.branchHead(repository, 'main')) return;
        await new Promise(done => setTimeout(done, 250));
      }
      throw new ConflictError(
        `repository ${repository} is being created elsewhere and has no main after 30 s`,
      );
    }
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
    const { repository } = options;
    const branch = assertBranchName(options.branch);
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
    // Of two filings racing for one name, only the one that created the
    // directory goes on (and only it removes it again if it fails).
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

  /**
   * Merges a change into main (a merge commit), as the reviewers' approval
   * does: exactly the commit they reviewed. Refuses with a ConflictError when
   * the branch no longer points at that commit (someone pushed to it since).
   */
  async mergeCommit(options: {
    repository: string;
    branch: string;
    commit: string;
    message: string;
    author: Author;
  }): Promise<string> {
    const branch = assertBranchName(options.branch);
    if (!COMMIT.test(options.commit)) {
      throw new InputError(`"${options.commit}" is not a commit id`);
    }
    const head = await this.branchHead(options.repository, branch);
    if (head !== options.commit) {
      throw new ConflictError(
        `${branch} ${
          head ? `moved to ${head.slice(0, 12)}` : 'is gone'
        } since ${options.commit.slice(
          0,
          12,
        )} was reviewed; nothing was merged`,
      );
    }
    // Merges in this process take turns; another replica may still land one
    // on main between our clone and our push: then merge again on top.
    return this.inTurn(options.repository, async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.withClone(
            options.repository,
            false,
            async git => {
              await git.merge([
                options.commit,
                '--no-ff',
                '-m',
                options.message,
              ]);
              await git.push('origin', 'main');
              return (await git.revparse(['HEAD'])).trim();
            },
            options.author,
          );
        } catch (error) {
          const raced =
            /rejected\]|non-fast-forward|fetch first|cannot lock ref/.test(
              String(error),
            );
          if (!raced || attempt >= 10) throw error;
          await new Promise(r => setTimeout(r, 50 + Math.random() * 200));
        }
      }
    });
  }

  /** Runs work after every earlier call's work on the same repository. */
  private inTurn<T>(repository: string, work: () => Promise<T>): Promise<T> {
    const previous = this.turns.get(repository) ?? Promise.resolve();
    const result = previous.then(work, work);
    this.turns.set(
      repository,
      result.then(
        () => undefined,
        () => undefined,
      ),
    );
    return result;
  }

  /** The commit a branch points at, or undefined when there is no such branch. */
  async branchHead(
    repository: string,
    branch: string,
  ): Promise<string | undefined> {
    const ref = `refs/heads/${assertBranchName(branch)}`;
    const out = await this.bare(repository)
      .raw(['for-each-ref', '--format=%(objectname)', ref])
      .catch(() => '');
    return out.trim() || undefined;
  }

  /** Change branches under a prefix (e.g. "change/"), with their commit times. */
  async branches(
    repository: string,
    prefix: string,
  ): Promise<{ branch: string; committedAt: string }[]> {
    if (!(await this.exists(repository))) return [];
    const out = await this.bare(repository).raw([
      'for-each-ref',
      '--format=%(refname:lstrip=2)%09%(committerdate:iso-strict)',
      `refs/heads/${prefix}`,
    ]);
    return out
      .split('\n')
      .filter(Boolean)
      .map(line => {
        const [branch, committedAt] = line.split('\t');
        return { branch, committedAt };
      });
  }

  /** Deletes a branch; no error when it is already gone. */
  async deleteBranch(repository: string, branch: string): Promise<void> {
    const ref = `refs/heads/${assertBranchName(branch)}`;
    await this.bare(repository).raw(['update-ref', '-d', ref]);
  }

  /**
   * The files a commit adds or changes against its first parent, path →
   * content, read from git: what approvers are shown.
   */
  async changedFiles(
    repository: string,
    commit: string,
  ): Promise<Record<string, string>> {
    if (!COMMIT.test(commit)) {
      throw new InputError(`"${commit}" is not a commit id`);
    }
    const git = this.bare(repository);
    const names = (
      await git.raw([
        'diff-tree',
        '-r',
        '-z',
        '--no-renames',
        '--no-commit-id',
        '--name-only',
        '--diff-filter=AM',
        `${commit}^1`,
        commit,
      ])
    )
      .split('\0')
      .filter(Boolean);
    const files: Record<string, string> = {};
    for (const name of names) {
      files[name] = await git.show([`${commit}:${name}`]);
    }
    return files;
  }

  /**
   * The files under a folder at a branch, path → content, with the commit
   * the branch points at; no files when there is no such branch.
   */
  async filesAt(
    repository: string,
    branch: string,
    folder: string,
  ): Promise<{ commit?: string; files: Record<string, string> }> {
    const commit = await this.branchHead(repository, branch);
    const files: Record<string, string> = {};
    if (!commit) return { files };
    // A commit's files never change: read them once per commit, not once per
    // preview or model rebuild (one git process per file).
    const key = `${repository}\0${folder}`;
    const read = this.#filesAtCommit.get(key);
    if (read?.commit === commit) return { commit, files: { ...read.files } };
    const git = this.bare(repository);
    const names = (
      await git.raw([
        'ls-tree',
        '-r',
        '-z',
        '--name-only',
        commit,
        '--',
        folder,
      ])
    )
      .split('\0')
      .filter(Boolean);
    for (const name of names) {
      files[name] = await git.show([`${commit}:${name}`]);
    }
    this.#filesAtCommit.set(key, { commit, files });
    return { commit, files: { ...files } };
  }

  /** The content of a file at a ref, for tests and for showing a change. */
  async show(repository: string, ref: string, path: string): Promise<string> {
    return this.bare(repository).show([`${ref}:${path}`]);
  }

  private bare(repository: string): SimpleGit {
    return simpleGit(this.remoteOf(repository));
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

  /**
   * Takes the repository's directory for this caller: created here, or a
   * RepositoryTakenError when it exists (another caller got it first). A
   * directory without a repository in it, older than a creation takes (left
   * by a process that died mid-creation), is taken over.
   */
  private async claim(repository: string, remote: string) {
    await mkdir(dirname(remote), { recursive: true });
    for (let attempt = 0; ; attempt++) {
      try {
        await mkdir(remote);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const left = await stat(remote).catch(() => undefined);
        const abandoned =
          attempt === 0 &&
          left &&
          !(await exists(join(remote, 'HEAD'))) &&
          Date.now() - left.mtimeMs > ABANDONED_AFTER_MS;
        if (!abandoned) throw new RepositoryTakenError(repository);
        await rm(remote, { recursive: true, force: true });
      }
    }
  }

  /** Runs work in a throw-away clone (or a fresh repo pushed to a new bare one). */
  private async withClone<T>(
    repository: string,
    create: boolean,
    work: (git: SimpleGit, dir: string) => Promise<T>,
    committer: Author = PORTAL,
  ): Promise<T> {
    const remote = this.remoteOf(repository);
    if (create) await this.claim(repository, remote);
    const dir = await mkdtemp(join(tmpdir(), `iop-${repository}-`));
    try {
      if (create) {
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
