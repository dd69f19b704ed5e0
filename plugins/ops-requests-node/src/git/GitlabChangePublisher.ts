import { ConflictError, InputError, ResponseError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { ChangeToPublish } from './ChangePublisher';
import { RemoteChangePublisher } from './RemoteChangePublisher';
import { parseRepositoryUrl } from './parseRepositoryUrl';

/**
 * Merge requests on GitLab, with the token of Backstage's GitLab integration
 * (`integrations.gitlab`): one commit creating the branch with every file,
 * then the merge request (GitLab REST API v4).
 *
 * @public
 */
export class GitlabChangePublisher extends RemoteChangePublisher {
  /** Always `gitlab`. */
  readonly provider = 'gitlab' as const;

  constructor(
    /** The project's URL, e.g. https://gitlab.com/acme/infrastructure. */
    readonly target: string,
    private readonly integrations: ScmIntegrationRegistry,
    private readonly baseBranch = 'main',
    private readonly fetchFn: typeof fetch = fetch,
  ) {
    super();
  }

  /** The project's API base and a caller with the integration's token. */
  private project() {
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
    const call = async (url: string, body?: object, method = 'POST') => {
      const response = await this.fetchFn(url, {
        method,
        headers: {
          'Content-Type': 'application/json',
          'PRIVATE-TOKEN': integration.config.token!,
        },
        body: body && JSON.stringify(body),
      });
      if (!response.ok) {
        // GitLab says why in { message }; keep it in the error.
        const vendor = await response
          .clone()
          .json()
          .then(b => (typeof b?.message === 'string' ? b.message : ''))
          .catch(() => '');
        const error = await ResponseError.fromResponse(response);
        if (vendor) error.message = `${error.message}: ${vendor}`;
        throw error;
      }
      return method === 'DELETE' ? undefined : response.json();
    };
    return { api, path, call };
  }

  /** One commit creating the branch with every file, then a merge request that removes the branch once merged. */
  async publish(change: ChangeToPublish) {
    const { api, path, call } = this.project();
    const commit = await call(`${api}/repository/commits`, {
      branch: change.branch,
      start_branch: this.baseBranch,
      commit_message: change.title,
      author_name: change.author.name,
      author_email: change.author.email,
      actions: Object.entries(change.files).map(([filePath, content]) =>
        content === null
          ? { action: 'delete', file_path: filePath }
          : { action: 'create', file_path: filePath, content },
      ),
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

  /** Deletes the branch, which closes its merge request. */
  async discard(branch: string) {
    const { api, call } = this.project();
    await call(
      `${api}/repository/branches/${encodeURIComponent(branch)}`,
      undefined,
      'DELETE',
    );
  }

  /**
   * Accepts the merge request through GitLab's API with the reviewed head
   * SHA (`PUT /projects/:id/merge_requests/:iid/merge`, `sha`): GitLab
   * answers 409 when the head moved since, 405/406/422 when it cannot merge.
   */
  async merge(change: { commit: string; message: string; url: string }) {
    const { api, call } = this.project();
    const iid = Number(/\/merge_requests\/(\d+)\/?$/.exec(change.url)?.[1]);
    if (!iid) {
      throw new InputError(`${change.url} is not a merge request`);
    }
    try {
      const merged = await call(
        `${api}/merge_requests/${iid}/merge`,
        {
          sha: change.commit,
          merge_commit_message: change.message,
          should_remove_source_branch: true,
        },
        'PUT',
      );
      return merged.merge_commit_sha as string;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status && [405, 406, 409, 422].includes(status)) {
        throw new ConflictError(
          `GitLab refused to merge ${change.url} at ${change.commit.slice(
            0,
            12,
          )}: ${(error as Error).message}`,
        );
      }
      throw error;
    }
  }

  /**
   * A file on the base branch, through GitLab's repository files API (GET on
   * the file's path with ref = the base branch): undefined on 404.
   */
  async fileOnMain(path: string): Promise<string | undefined> {
    const { api, call } = this.project();
    try {
      const file = await call(
        `${api}/repository/files/${encodeURIComponent(
          path,
        )}?ref=${encodeURIComponent(this.baseBranch)}`,
        undefined,
        'GET',
      );
      return Buffer.from(file.content ?? '', 'base64').toString('utf8');
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }
}
