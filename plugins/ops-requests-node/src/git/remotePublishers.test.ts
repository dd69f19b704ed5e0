import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createChangePublisher } from './createChangePublisher';
import {
  GithubChangePublisher,
  PullRequestClient,
} from './GithubChangePublisher';
import { GitlabChangePublisher } from './GitlabChangePublisher';
import { LocalChangePublisher } from './LocalChangePublisher';
import { LocalGitRepositories } from './LocalGitRepositories';

const change = {
  branch: 'change/cr-20260302-abcdef',
  files: {
    'kubernetes/fraud/allow.yaml': 'kind: NetworkPolicy\n',
    'change-requests/cr-20260302-abcdef.yaml': 'id: cr-20260302-abcdef\n',
  },
  title: 'Network access: a -> b (cr-20260302-abcdef)',
  body: 'Case management reads scores\n\nRequested-by: user:default/guest',
  author: { name: 'Guest', email: 'guest@bank.example' },
};

const config = (gitops: object) =>
  new ConfigReader({
    integrations: {
      github: [
        {
          host: 'github.example',
          apiBaseUrl: 'https://github.example/api/v3',
          token: 'gh-token',
        },
      ],
      gitlab: [
        {
          host: 'gitlab.example',
          apiBaseUrl: 'https://gitlab.example/api/v4',
          token: 'gl-token',
        },
      ],
    },
    integratedOps: { gitops },
  });

describe('GithubChangePublisher', () => {
  it('opens a pull request with every file in one commit on the change branch', async () => {
    const createPullRequest = jest.fn(async () => ({
      data: {
        html_url: 'https://github.example/bank/infrastructure/pull/7',
        head: { sha: 'abc123' },
      },
    }));
    const request = jest.fn(async () => ({}));
    const client = jest.fn(
      async (): Promise<PullRequestClient> => ({ createPullRequest, request }),
    );
    const publisher = new GithubChangePublisher(
      'https://github.example/bank/infrastructure',
      client,
      'main',
    );
    const published = await publisher.publish(change);

    expect(client).toHaveBeenCalledWith(
      'github.example',
      'https://github.example/bank/infrastructure',
    );
    expect(createPullRequest).toHaveBeenCalledWith({
      owner: 'bank',
      repo: 'infrastructure',
      title: change.title,
      body: change.body,
      head: change.branch,
      base: 'main',
      changes: [
        {
          files: change.files,
          commit: change.title,
          author: {
            name: 'Guest',
            email: 'guest@bank.example',
            date: expect.any(String),
          },
        },
      ],
    });
    expect(published).toEqual({
      repository: 'bank/infrastructure',
      branch: change.branch,
      commit: 'abc123',
      url: 'https://github.example/bank/infrastructure/pull/7',
      files: Object.keys(change.files),
    });

    // A change nobody will review: its branch goes, which closes the pull request.
    await publisher.discard(change.branch);
    expect(request).toHaveBeenCalledWith(
      'DELETE /repos/{owner}/{repo}/git/refs/{ref}',
      { owner: 'bank', repo: 'infrastructure', ref: `heads/${change.branch}` },
    );
  });
});

describe('GitlabChangePublisher', () => {
  it('commits the files on a new branch and opens a merge request, with the integration token', async () => {
    const calls: { url: string; body: any; token: string }[] = [];
    const fetchFn = jest.fn(async (url: any, init: any) => {
      calls.push({
        url,
        body: JSON.parse(init.body),
        token: init.headers['PRIVATE-TOKEN'],
      });
      const body = String(url).endsWith('/repository/commits')
        ? { id: 'c0ffee' }
        : { web_url: 'https://gitlab.example/bank/infra/-/merge_requests/3' };
      return new Response(JSON.stringify(body), { status: 201 });
    });
    const publisher = new GitlabChangePublisher(
      'https://gitlab.example/bank/infra',
      ScmIntegrations.fromConfig(config({})),
      'main',
      fetchFn as any,
    );
    const published = await publisher.publish(change);

    expect(calls.map(c => c.url)).toEqual([
      'https://gitlab.example/api/v4/projects/bank%2Finfra/repository/commits',
      'https://gitlab.example/api/v4/projects/bank%2Finfra/merge_requests',
    ]);
    expect(calls.every(c => c.token === 'gl-token')).toBe(true);
    expect(calls[0].body).toMatchObject({
      branch: change.branch,
      start_branch: 'main',
      author_email: 'guest@bank.example',
      actions: [
        {
          action: 'create',
          file_path: 'kubernetes/fraud/allow.yaml',
          content: 'kind: NetworkPolicy\n',
        },
        {
          action: 'create',
          file_path: 'change-requests/cr-20260302-abcdef.yaml',
          content: 'id: cr-20260302-abcdef\n',
        },
      ],
    });
    expect(calls[1].body).toMatchObject({
      source_branch: change.branch,
      target_branch: 'main',
      title: change.title,
    });
    expect(published).toMatchObject({
      commit: 'c0ffee',
      url: 'https://gitlab.example/bank/infra/-/merge_requests/3',
    });
  });

  it('deletes the branch of a change nobody will review', async () => {
    const fetchFn = jest.fn(
      async (_url: any, _init: any) => new Response(null, { status: 204 }),
    );
    const publisher = new GitlabChangePublisher(
      'https://gitlab.example/bank/infra',
      ScmIntegrations.fromConfig(config({})),
      'main',
      fetchFn as any,
    );
    await publisher.discard('change/cr-20260302-abcdef');
    expect(fetchFn).toHaveBeenCalledWith(
      'https://gitlab.example/api/v4/projects/bank%2Finfra/repository/branches/change%2Fcr-20260302-abcdef',
      expect.objectContaining({ method: 'DELETE' }),
    );
  });

  it('surfaces GitLab’s refusal', async () => {
    const fetchFn = jest.fn(
      async () =>
        new Response(JSON.stringify({ message: 'branch exists' }), {
          status: 400,
          statusText: 'Bad Request',
        }),
    );
    const publisher = new GitlabChangePublisher(
      'https://gitlab.example/bank/infra',
      ScmIntegrations.fromConfig(config({})),
      'main',
      fetchFn as any,
    );
    await expect(publisher.publish(change)).rejects.toThrow(/400/);
  });
});

describe('createChangePublisher', () => {
  const repositories = new LocalGitRepositories('/tmp/iop-unused');

  it('is the local repository by default, and GitHub or GitLab by config', () => {
    expect(createChangePublisher(config({}), repositories)).toBeInstanceOf(
      LocalChangePublisher,
    );
    expect(
      createChangePublisher(
        config({
          provider: 'github',
          repositoryUrl: 'https://github.example/bank/infrastructure',
        }),
        repositories,
      ),
    ).toBeInstanceOf(GithubChangePublisher);
    expect(
      createChangePublisher(
        config({
          provider: 'gitlab',
          repositoryUrl: 'https://gitlab.example/bank/infra',
        }),
        repositories,
      ),
    ).toBeInstanceOf(GitlabChangePublisher);
  });

  it('says what is wrong with the config', () => {
    expect(() =>
      createChangePublisher(config({ provider: 'bitbucket' }), repositories),
    ).toThrow(
      'integratedOps.gitops.provider must be local, github or gitlab, not "bitbucket"',
    );
    expect(() =>
      createChangePublisher(config({ provider: 'github' }), repositories),
    ).toThrow(/integratedOps\.gitops\.repositoryUrl/);
  });
});
