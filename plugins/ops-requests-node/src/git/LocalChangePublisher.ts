import { readdir, readFile } from 'fs/promises';
import { join, relative, sep } from 'path';
import { ChangePublisher, ChangeToPublish } from './ChangePublisher';
import { LocalGitRepositories } from './LocalGitRepositories';

const PORTAL = {
  name: 'Integrated Ops Portal',
  email: 'portal@integrated-ops.invalid',
};

/** Every file under the folder, path (relative, with /) → content. */
async function readSeed(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path).split(sep).join('/')] = await readFile(
      path,
      'utf8',
    );
  }
  return files;
}

/**
 * Change branches of a bare repository under the data directory.
 *
 * @public
 */
export class LocalChangePublisher implements ChangePublisher {
  /** Always `local`. */
  readonly provider = 'local' as const;

  private created?: Promise<void>;

  /**
   * `seedDir`: a folder whose files become main's first commit; with it the
   * repository is created on first read too, so that main has the estate's
   * network from the start.
   */
  constructor(
    private readonly repositories: LocalGitRepositories,
    private readonly repository: string,
    private readonly seedDir?: string,
  ) {}

  /** Creates the repository (with its seed) once; tried again after a failure. */
  private ensure(): Promise<void> {
    this.created ??= (async () => {
      const seed = this.seedDir ? await readSeed(this.seedDir) : {};
      await this.repositories.ensure(
        this.repository,
        `# ${this.repository}\n\nInfrastructure changes from the Integrated Ops Portal. Each change arrives on a branch change/<id> with its record in change-requests/<id>.yaml.\n`,
        seed,
      );
    })().catch(error => {
      this.created = undefined;
      throw error;
    });
    return this.created;
  }

  /** The repository's name (never its server path). */
  get target() {
    return this.repository;
  }

  /** Creates the repository if needed, then commits the files on a new branch; the url is the repository's name. */
  async publish(change: ChangeToPublish) {
    await this.ensure();
    const published = await this.repositories.publishBranch({
      repository: this.repository,
      branch: change.branch,
      files: change.files,
      message: `${change.title}\n\n${change.body}`.trim(),
      author: change.author,
    });
    return { ...published, url: this.repository };
  }

  /** Deletes the branch; nothing to do when the repository does not exist. */
  async discard(branch: string) {
    if (await this.repositories.exists(this.repository)) {
      await this.repositories.deleteBranch(this.repository, branch);
    }
  }

  /** Merges the branch into main if its head is still the reviewed commit; the merge commit's id. */
  async merge(change: { branch: string; commit: string; message: string }) {
    return this.repositories.mergeCommit({
      repository: this.repository,
      branch: change.branch,
      commit: change.commit,
      message: change.message,
      author: PORTAL,
    });
  }

  /** The files the commit adds or changes against its first parent, path → content. */
  async files(commit: string) {
    return this.repositories.changedFiles(this.repository, commit);
  }

  /** The file's content on main; undefined when main holds no such file. */
  async fileOnMain(path: string): Promise<string | undefined> {
    if (this.seedDir) await this.ensure();
    try {
      return await this.repositories.show(this.repository, 'main', path);
    } catch {
      return undefined;
    }
  }

  /** The files on main under the folder, with main's commit; none while the repository or main does not exist. */
  async filesOnMain(folder: string) {
    if (this.seedDir) await this.ensure();
    if (!(await this.repositories.exists(this.repository)))
      return { files: {} };
    return this.repositories.filesAt(this.repository, 'main', folder);
  }

  /** The repository's branches under the prefix, with their commit times. */
  async branches(prefix: string) {
    return this.repositories.branches(this.repository, prefix);
  }
}
