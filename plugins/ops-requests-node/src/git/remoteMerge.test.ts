/*
 * Merging a pull / merge request with the reviewed head SHA, against a local
 * server implementing GitHub's and GitLab's documented merge endpoints (no
 * live GitHub or GitLab is reachable from here). A head that moved since the
 * review is refused and nothing is merged.
 */
import { ConfigReader } from '@backstage/config';
import { ConflictError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { startVendorServer } from '../__testUtils__/vendorServer';
import {
  GithubChangePublisher,
  octokitWithPullRequests,
} from './GithubChangePublisher';
import { GitlabChangePublisher } from './GitlabChangePublisher';

// Octokit's retry plugin pauses about 3 s before giving up on a 405.
jest.setTimeout(20_000);

const REVIEWED = 'a'.repeat(40);
const MOVED = 'b'.repeat(40);

describe('merging with the reviewed head SHA', () => {
  let vendor: Awaited<ReturnType<typeof startVendorServer>>;
  beforeEach(async () => {
    vendor = await startVendorServer();
  });
  afterEach(() => vendor.close());

  const github = () =>
    new GithubChangePublisher(
      'https://github.example/bank/infrastructure',
      async () =>
        octokitWithPullRequests({ auth: 'gh-token', baseUrl: vendor.baseUrl }),
    );
  const gitlab = () =>
    new GitlabChangePublisher(
      'https://gitlab.example/bank/infra',
      ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: {
            gitlab: [
              {
                host: 'gitlab.example',
                apiBaseUrl: `${vendor.baseUrl}/api/v4`,
                token: 'gl-token',
              },
            ],
          },
        }),
      ),
    );
  const change = (url: string) => ({
    branch: 'change/cr-20260302-abcdef',
    commit: REVIEWED,
    message: 'Apply cr-20260302-abcdef',
    url,
  });

  it('GitHub: merges the pull request at the reviewed SHA', async () => {
    vendor.heads.set('bank/infrastructure#7', REVIEWED);
    const merged = await github().merge(
      change('https://github.example/bank/infrastructure/pull/7'),
    );
    expect(merged).toMatch(/^[0-9a-f]{40}$/);
    expect(vendor.calls).toEqual([
      {
        method: 'PUT',
        url: '/repos/bank/infrastructure/pulls/7/merge',
        body: {
          sha: REVIEWED,
          merge_method: 'merge',
          commit_title: 'Apply cr-20260302-abcdef',
        },
        auth: 'token gh-token',
      },
    ]);
  });

  it('GitHub: refuses when the head moved since the review, or the pull request cannot be merged', async () => {
    vendor.heads.set('bank/infrastructure#7', MOVED);
    const moved = github().merge(
      change('https://github.example/bank/infrastructure/pull/7'),
    );
    await expect(moved).rejects.toBeInstanceOf(ConflictError);
    await expect(moved).rejects.toThrow(
      'Head branch was modified. Review and try the merge again.',
    );
    vendor.heads.set('bank/infrastructure#8', REVIEWED);
    vendor.unmergeable.add('bank/infrastructure#8');
    await expect(
      github().merge(
        change('https://github.example/bank/infrastructure/pull/8'),
      ),
    ).rejects.toThrow('Pull Request is not mergeable');
  });

  it('GitLab: accepts the merge request at the reviewed SHA', async () => {
    vendor.heads.set('bank/infra!3', REVIEWED);
    const merged = await gitlab().merge(
      change('https://gitlab.example/bank/infra/-/merge_requests/3'),
    );
    expect(merged).toMatch(/^[0-9a-f]{40}$/);
    expect(vendor.calls).toEqual([
      {
        method: 'PUT',
        url: '/api/v4/projects/bank%2Finfra/merge_requests/3/merge',
        body: {
          sha: REVIEWED,
          merge_commit_message: 'Apply cr-20260302-abcdef',
          should_remove_source_branch: true,
        },
        auth: 'gl-token',
      },
    ]);
  });

  it('GitLab: refuses when the head moved since the review', async () => {
    vendor.heads.set('bank/infra!3', MOVED);
    const moved = gitlab().merge(
      change('https://gitlab.example/bank/infra/-/merge_requests/3'),
    );
    await expect(moved).rejects.toBeInstanceOf(ConflictError);
    await expect(moved).rejects.toThrow(
      'SHA does not match HEAD of source branch',
    );
  });

  it('refuses a request URL that is not a pull / merge request', async () => {
    await expect(
      github().merge(change('https://github.example/bank/infrastructure')),
    ).rejects.toThrow('is not a pull request');
    await expect(
      gitlab().merge(change('https://gitlab.example/bank/infra')),
    ).rejects.toThrow('is not a merge request');
  });

  it.each([
    ['GitHub', 'bank/infrastructure', () => github()],
    ['GitLab', 'bank/infra', () => gitlab()],
  ])(
    'reads a file on main from %s, and says when main holds none',
    async (_vendor, repository, publisher) => {
      vendor.mainFiles.set(
        `${repository}:kubernetes/edge/namespace-baseline.yaml`,
        'kind: NetworkPolicy\n',
      );
      await expect(
        publisher().fileOnMain('kubernetes/edge/namespace-baseline.yaml'),
      ).resolves.toBe('kind: NetworkPolicy\n');
      await expect(
        publisher().fileOnMain('kubernetes/fraud/namespace-baseline.yaml'),
      ).resolves.toBeUndefined();
    },
  );
});
