import { ConflictError, InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { Octokit } from 'octokit';
import { createPullRequest } from 'octokit-plugin-create-pull-request';
import { ChangeToPublish } from './ChangePublisher';
import { RemoteChangePublisher } from './RemoteChangePublisher';
import { parseRepositoryUrl } from './parseRepositoryUrl';

/**
 * What this publisher needs of Octokit with octokit-plugin-create-pull-request.
 *
 * @public
 */
export interface PullRequestClient {
  /** Commits the changes on `head` off `base` and opens a pull request; null when nothing changed. */
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

/**
 * Octokit with pull-request creation. A refusal (a merge whose head moved:
 * 409, not mergeable: 405) is an answer, not a transient error: not retried.
 */
export function octokitWithPullRequests(options: {
  auth: string | undefined;
  baseUrl?: string;
}): PullRequestClient {
  const OctokitWithPullRequests = Octokit.plugin(createPullRequest);
  return new OctokitWithPullRequests({
    ...options,
    retry: { doNotRetry: [400, 401, 403, 404, 405, 409, 422, 451] },
  }) as unknown as PullRequestClient;
}

/**
 * Pull requests on GitHub, authenticated through Backstage's GitHub
 * integration (`integrations.github`: token or GitHub App).
 *
 * @public
 */
export class GithubChangePublisher extends RemoteChangePublisher {
  /** Always `github`. */
  readonly provider = 'github' as const;

  constructor(
    /** The repository's URL, e.g. https://github.com/acme/infrastructure. */
    readonly target: string,
    private readonly client: (
      host: string,
      url: string,
    ) => Promise<PullRequestClient>,
    private readonly baseBranch = 'main',
  ) {
    super();
  }

  /**
   * A publisher to the repository at `repositoryUrl`, authenticated with the
   * `integrations.github` entry of its host (token or GitHub App); pull
   * requests target `baseBranch` (default main).
   */
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

  /** Commits the files on a new branch and opens a pull request against the base branch. */
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

  /**
   * Merges the pull request through GitHub's API with the reviewed head SHA
   * (`PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge`, `sha`): GitHub
   * answers 409 when the head moved since, 405 when it cannot be merged.
   */
  async merge(change: { commit: string; message: string; url: string }) {
    const { host, path } = parseRepositoryUrl(this.target);
    const [owner, repo] = path.split('/');
    const pullNumber = Number(/\/pull\/(\d+)\/?$/.exec(change.url)?.[1]);
    if (!pullNumber) {
      throw new InputError(`${change.url} is not a pull request of ${path}`);
    }
    const client = await this.client(host, this.target);
    try {
      const response = (await client.request(
        'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge',
        {
          owner,
          repo,
          pull_number: pullNumber,
          sha: change.commit,
          merge_method: 'merge',
          commit_title: change.message,
        },
      )) as { data: { sha: string } };
      return response.data.sha;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 405 || status === 409) {
        throw new ConflictError(
          `GitHub refused to merge ${change.url} at ${change.commit.slice(
            0,
            12,
          )}: ${(error as Error).message}`,
        );
      }
      throw error;
    }
  }

  /**
   * A file on the base branch, through GitHub's repository contents API
   * (GET on the path's contents with ref = the base branch): undefined on 404.
   */
  async fileOnMain(path: string): Promise<string | undefined> {
    const { host, path: repoPath } = parseRepositoryUrl(this.target);
    const [owner, repo] = repoPath.split('/');
    const client = await this.client(host, this.target);
    try {
      const { data } = (await client.request(
        'GET /repos/{owner}/{repo}/contents/{path}',
        { owner, repo, path, ref: this.baseBranch },
      )) as { data: { content?: string; encoding?: string } };
      return Buffer.from(data.content ?? '', 'base64').toString('utf8');
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }
}
