import { createServer, IncomingMessage, Server } from 'http';
import { AddressInfo } from 'net';

/*
 * A local server implementing exactly the two GitHub REST endpoints the
 * module calls, as GitHub documents them (API version 2022-11-28):
 *   GET /repos/{owner}/{repo}/code-scanning/alerts?state=open&per_page=100
 *   GET /repos/{owner}/{repo}/dependabot/alerts?state=open&per_page=100
 * Pages are linked with a Link header (rel="next"), as GitHub paginates.
 * Requests without the token, the API version or the JSON media type are
 * answered 401 / 400. Alerts are shaped after the documented examples.
 */

export const TOKEN = 'ghp_test_token_for_the_local_github';

/** A code scanning alert as the documentation's example has it. */
export const codeScanningAlert = (number: number, over: object = {}) => ({
  number,
  created_at: '2026-09-13T12:29:18Z',
  url: `https://api.github.com/repos/octocat/hello-world/code-scanning/alerts/${number}`,
  html_url: `https://github.com/octocat/hello-world/code-scanning/${number}`,
  state: 'open',
  fixed_at: null,
  dismissed_by: null,
  dismissed_at: null,
  dismissed_reason: null,
  rule: {
    id: 'js/zipslip',
    severity: 'error',
    tags: ['security', 'external/cwe/cwe-022'],
    description: 'Arbitrary file write during zip extraction',
    name: 'js/zipslip',
    security_severity_level: 'high',
  },
  tool: { name: 'CodeQL', guid: null, version: '2.4.0' },
  most_recent_instance: {
    ref: 'refs/heads/main',
    analysis_key: '.github/workflows/codeql-analysis.yml:CodeQL-Build',
    environment: '{}',
    state: 'open',
    commit_sha: '39406e42cb832f683daa691dd652a8dc36ee8930',
    message: { text: 'This path depends on a user-provided value.' },
    location: {
      path: 'spec-main/api-session-spec.ts',
      start_line: 917,
      end_line: 917,
      start_column: 7,
      end_column: 18,
    },
    classifications: [],
  },
  instances_url: `https://api.github.com/repos/octocat/hello-world/code-scanning/alerts/${number}/instances`,
  ...over,
});

/** A Dependabot alert as the documentation's example has it. */
export const dependabotAlert = (number: number, over: object = {}) => ({
  number,
  state: 'open',
  dependency: {
    package: { ecosystem: 'pip', name: 'django' },
    manifest_path: 'path/to/requirements.txt',
    scope: 'runtime',
  },
  security_advisory: {
    ghsa_id: 'GHSA-rf4j-j272-fj86',
    cve_id: 'CVE-2018-6188',
    summary:
      'Django allows remote attackers to gain access to sensitive information',
    description:
      'django.contrib.auth.forms.AuthenticationForm in Django 2.0 before 2.0.2 allows remote attackers to obtain potentially sensitive information.',
    severity: 'high',
    identifiers: [
      { value: 'GHSA-rf4j-j272-fj86', type: 'GHSA' },
      { value: 'CVE-2018-6188', type: 'CVE' },
    ],
  },
  security_vulnerability: {
    package: { ecosystem: 'pip', name: 'django' },
    severity: 'high',
    vulnerable_version_range: '>= 2.0.0, < 2.0.2',
    first_patched_version: { identifier: '2.0.2' },
  },
  url: `https://api.github.com/repos/octocat/hello-world/dependabot/alerts/${number}`,
  html_url: `https://github.com/octocat/hello-world/security/dependabot/${number}`,
  created_at: '2026-11-01T10:00:00Z',
  updated_at: '2026-11-01T10:00:00Z',
  ...over,
});

/** Repositories and their open alerts; a list absent is a 404 (not enabled). */
export type GithubRepos = Record<
  string,
  { codeScanning?: object[]; dependabot?: object[] }
>;

export async function startGithubApi(repos: GithubRepos) {
  const requests: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url!, 'http://localhost');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const send = (status: number, body: unknown, headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      return send(401, { message: 'Bad credentials' });
    }
    if (
      req.headers['x-github-api-version'] !== '2022-11-28' ||
      req.headers.accept !== 'application/vnd.github+json'
    ) {
      return send(400, { message: 'Unsupported API version or media type' });
    }
    const match =
      /^\/repos\/([^/]+\/[^/]+)\/(code-scanning|dependabot)\/alerts$/.exec(
        url.pathname,
      );
    const repo = match && repos[match[1]];
    const list =
      repo &&
      (match![2] === 'code-scanning' ? repo.codeScanning : repo.dependabot);
    if (req.method !== 'GET' || !list) {
      return send(404, { message: 'Not Found' });
    }
    const state = url.searchParams.get('state');
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const open = list.filter((a: any) => !state || a.state === state);
    const items = open.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < open.length) {
      const next = new URL(url.toString());
      next.searchParams.set('page', String(page + 1));
      headers.link = `<http://127.0.0.1:${
        (server.address() as AddressInfo).port
      }${next.pathname}${next.search}>; rel="next"`;
    }
    return send(200, items, headers);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>(r => server.close(() => r())),
  };
}
