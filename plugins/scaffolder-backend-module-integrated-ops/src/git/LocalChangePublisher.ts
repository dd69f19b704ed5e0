import { ChangePublisher, ChangeToPublish } from './ChangePublisher';
import { LocalGitRepositories } from '@internal/plugin-integrated-ops-node';

/** Change branches of a bare repository under the data directory. */
export class LocalChangePublisher implements ChangePublisher {
  readonly provider = 'local' as const;

  constructor(
    private readonly repositories: LocalGitRepositories,
    private readonly repository: string,
  ) {}

  get target() {
    return this.repositories.remoteOf(this.repository);
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
    return { ...published, url: published.remote };
  }
}
