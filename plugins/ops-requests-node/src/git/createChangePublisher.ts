import { statSync } from 'fs';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { ChangePublisher } from './ChangePublisher';
import { GithubChangePublisher } from './GithubChangePublisher';
import { GitlabChangePublisher } from './GitlabChangePublisher';
import { LocalChangePublisher } from './LocalChangePublisher';
import { LocalGitRepositories } from './LocalGitRepositories';

/**
 * The change publisher `integratedOps.gitops` asks for: `provider: local`
 * (default; bare repository under localRoot), `github` or `gitlab` (pull /
 * merge requests on `repositoryUrl`, through Backstage's integrations).
 *
 * @public
 */
export function createChangePublisher(
  config: Config,
  repositories: LocalGitRepositories,
): ChangePublisher {
  const gitops = config.getOptionalConfig('integratedOps.gitops');
  const provider = gitops?.getOptionalString('provider') ?? 'local';
  const baseBranch = gitops?.getOptionalString('baseBranch') ?? 'main';
  if (provider === 'local') {
    const seedDir = gitops?.getOptionalString('seedDir');
    // Said at start, not at the first change: every filing would fail.
    if (
      seedDir &&
      !statSync(seedDir, { throwIfNoEntry: false })?.isDirectory()
    ) {
      throw new Error(
        `integratedOps.gitops.seedDir: ${seedDir} is not a folder (the files main starts with)`,
      );
    }
    return new LocalChangePublisher(
      repositories,
      gitops?.getOptionalString('infrastructureRepository') ?? 'infrastructure',
      seedDir,
    );
  }
  if (provider !== 'github' && provider !== 'gitlab') {
    throw new Error(
      `integratedOps.gitops.provider must be local, github or gitlab, not "${provider}"`,
    );
  }
  const repositoryUrl = gitops!.getString('repositoryUrl');
  const integrations = ScmIntegrations.fromConfig(config);
  if (provider === 'github') {
    return GithubChangePublisher.fromIntegrations(
      integrations,
      repositoryUrl,
      baseBranch,
    );
  }
  return new GitlabChangePublisher(repositoryUrl, integrations, baseBranch);
}
