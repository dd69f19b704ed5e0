import { ChangePublisher, ChangeToPublish } from './ChangePublisher';
import { LocalGitRepositories } from './LocalGitRepositories';

const PORTAL = {
  name: 'Integrated Ops Portal',
  email: 'portal@integrated-ops.invalid',
};

/**
 * Change branches of a bare repository under the data directory.
 *
 * @public
 */
export class LocalChangePublisher implements ChangePublisher {
  readonly provider = 'local' as const;

  constructor(
    private readonly repositories: LocalGitRepositories,
    private readonly repository: string,
  ) {}

  get target() {
    return this.repository;
  }

  async publish(change: ChangeToPublish) {
    await this.repositories.ensure(
      this.repository,
      `# ${this.repository}\n\nInfrastructure changes from the Integrated Ops Portal. Each change arrives on a branch change/<id> with its record in change-requests/<id>.yaml.\n`,
    );
    const published = await this.repositories.publishBranch({
      repository: this.repository,
      branch: change.branch,
      files: change.files,
      message: `${change.title}\n\n${change.body}`.trim(),
      author: change.author,
    });
    return { ...published, url: this.repository };
  }

  async discard(branch: string) {
    if (await this.repositories.exists(this.repository)) {
      await this.repositories.deleteBranch(this.repository, branch);
    }
  }

  async merge(change: { branch: string; commit: string; message: string }) {
    return this.repositories.mergeCommit({
      repository: this.repository,
      branch: change.branch,
      commit: change.commit,
      message: change.message,
      author: PORTAL,
    });
  }

  async files(commit: string) {
    return this.repositories.changedFiles(this.repository, commit);
  }

  async fileOnMain(path: string): Promise<string | undefined> {
    try {
      return await this.repositories.show(this.repository, 'main', path);
    } catch {
      return undefined;
    }
  }

  async branches(prefix: string) {
    return this.repositories.branches(this.repository, prefix);
  }
}
