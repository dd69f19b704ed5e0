import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { Octokit } from 'octokit';
import { createPullRequest } from 'octokit-plugin-create-pull-request';
import { ChangeToPublish } from './ChangePublisher';
import { ProviderReviewedPublisher } from './ProviderReviewedPublisher';
import { parseRepositoryUrl } from './parseRepositoryUrl';

/** What this publisher needs of Octokit with octokit-plugin-create-pull-request. */
export interface PullRequestClient {
  createPullRequest(options: {
    owner: string;
    repo: string;
    title: string;
    body: string;
    head: string;
    base: string;
    changes: {
      files: Record<string, string | null>;
      commit: string;
      author: { name: string; email: string; date: string };
    }[];
  }): Promise<{ data: { html_url: string; head: { sha: string } } } | null>;
  /** Octokit's generic request, for the REST calls the plugin has no helper for. */
  request(route: string, params: Record<string, unknown>): Promise<unknown>;
}

function octokitWithPullRequests(options: {
  auth: string | undefined;
  baseUrl?: string;
}): PullRequestClient {
  const OctokitWithPullRequests = Octokit.plugin(createPullRequest);
  return new OctokitWithPullRequests(options) as unknown as PullRequestClient;
}

/**
 * Pull requests on GitHub, authenticated through Backstage's GitHub
 * integration (`integrations.github`: token or GitHub App).
 */
export class GithubChangePublisher extends ProviderReviewedPublisher {
  readonly provider = 'github' as const;

  constructor(
    readonly target: string,
    private readonly client: (
      host: string,
      url: string,
    ) => Promise<PullRequestClient>,
    private readonly baseBranch = 'main',
  ) {
    super();
  }

  static fromIntegrations(
    integrations: ScmIntegrationRegistry,
    repositoryUrl: string,
    baseBranch?: string,
  ) {
    const credentials =
      DefaultGithubCredentialsProvider.fromIntegrations(integrations);
    return new GithubChangePublisher(
      repositoryUrl,
      async (host, url) => {
        const integration = integrations.github.byHost(host);
        if (!integration) {
          throw new InputError(
            `no GitHub integration for ${host} in integrations.github`,
          );
        }
        const { token } = await credentials.getCredentials({ url });
        return octokitWithPullRequests({
          auth: token,
          baseUrl: integration.config.apiBaseUrl,
        });
      },
      baseBranch,
    );
  }

  async publish(change: ChangeToPublish) {
    const { host, path } = parseRepositoryUrl(this.target);
    const [owner, repo] = path.split('/');
    const client = await this.client(host, this.target);
    const pr = await client.createPullRequest({
      owner,
      repo,
      title: change.title,
      body: change.body,
      head: change.branch,
      base: this.baseBranch,
      changes: [
        {
          files: change.files,
          commit: change.title,
          author: { ...change.author, date: new Date().toISOString() },
        },
      ],
    });
    if (!pr)
      throw new InputError('GitHub made no pull request: nothing changed');
    return {
      repository: `${owner}/${repo}`,
      branch: change.branch,
      commit: pr.data.head.sha,
      url: pr.data.html_url,
      files: Object.keys(change.files),
    };
  }

  /** Deleting the head branch closes its pull request too. */
  async discard(branch: string) {
    const { host, path } = parseRepositoryUrl(this.target);
    const [owner, repo] = path.split('/');
    const client = await this.client(host, this.target);
    await client.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', {
      owner,
      repo,
      ref: `heads/${branch}`,
    });
  }
}
