import { InputError, ResponseError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { ChangePublisher, ChangeToPublish } from './ChangePublisher';
import { parseRepositoryUrl } from './parseRepositoryUrl';

/**
 * Merge requests on GitLab, with the token of Backstage's GitLab integration
 * (`integrations.gitlab`): one commit creating the branch with every file,
 * then the merge request (GitLab REST API v4).
 */
export class GitlabChangePublisher implements ChangePublisher {
  readonly provider = 'gitlab' as const;

  constructor(
    readonly target: string,
    private readonly integrations: ScmIntegrationRegistry,
    private readonly baseBranch = 'main',
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async publish(change: ChangeToPublish) {
    const { host, path } = parseRepositoryUrl(this.target);
    const integration = this.integrations.gitlab.byHost(host);
    if (!integration?.config.token) {
      throw new InputError(
        `no GitLab integration with a token for ${host} in integrations.gitlab`,
      );
    }
    const api = `${integration.config.apiBaseUrl}/projects/${encodeURIComponent(
      path,
    )}`;
    const call = async (url: string, body: object) => {
      const response = await this.fetchFn(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'PRIVATE-TOKEN': integration.config.token!,
        },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw await ResponseError.fromResponse(response);
      return response.json();
    };
    const commit = await call(`${api}/repository/commits`, {
      branch: change.branch,
      start_branch: this.baseBranch,
      commit_message: change.title,
      author_name: change.author.name,
      author_email: change.author.email,
      actions: Object.entries(change.files).map(([filePath, content]) => ({
        action: 'create',
        file_path: filePath,
        content,
      })),
    });
    const mr = await call(`${api}/merge_requests`, {
      source_branch: change.branch,
      target_branch: this.baseBranch,
      title: change.title,
      description: change.body,
      remove_source_branch: true,
    });
    return {
      repository: path,
      branch: change.branch,
      commit: commit.id,
      url: mr.web_url,
      files: Object.keys(change.files),
    };
  }
}
