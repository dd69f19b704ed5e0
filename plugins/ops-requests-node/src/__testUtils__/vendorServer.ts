import { createServer, IncomingMessage, Server } from 'http';
import { AddressInfo } from 'net';

/**
 * A local server speaking exactly the GitHub and GitLab REST endpoints the
 * publishers call to merge and delete, with the status codes and bodies the
 * vendors document:
 * - GitHub `PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge` (body
 *   `sha`, `merge_method`, `commit_title`): 200 `{ sha, merged, message }`,
 *   409 "Head branch was modified. Review and try the merge again.", 405
 *   "Pull Request is not mergeable"; `DELETE
 *   /repos/{owner}/{repo}/git/refs/{ref}`: 204.
 * - GitLab `PUT /api/v4/projects/:id/merge_requests/:iid/merge` (body `sha`,
 *   `merge_commit_message`, `should_remove_source_branch`): 200 the merge
 *   request with `merge_commit_sha`, 409 "SHA does not match HEAD of source
 *   branch", 405 when it cannot be merged.
 * - GitHub `GET /repos/{owner}/{repo}/contents/{path}?ref=main` and GitLab
 *   `GET /api/v4/projects/:id/repository/files/:file_path?ref=main`: 200 with
 *   base64 `content`, 404 when main holds no such file (`mainFiles`).
 * `heads` holds each pull / merge request's current head SHA; `calls`
 * records every request with its body and auth header.
 */
export async function startVendorServer() {
  const heads = new Map<string, string>();
  /** Files on the base branch, by repository ("owner/repo" or GitLab path) and file path. */
  const mainFiles = new Map<string, string>();
  const unmergeable = new Set<string>();
  const calls: { method: string; url: string; body: any; auth?: string }[] = [];
  const readBody = (req: IncomingMessage) =>
    new Promise<any>(resolve => {
      let text = '';
      req.on('data', chunk => (text += chunk));
      req.on('end', () => resolve(text ? JSON.parse(text) : undefined));
    });
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = req.url ?? '';
    calls.push({
      method: req.method!,
      url,
      body,
      auth:
        req.headers.authorization ?? (req.headers['private-token'] as string),
    });
    const send = (status: number, json?: object) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(json ? JSON.stringify(json) : undefined);
    };
    const github = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/merge$/.exec(url);
    const gitlab =
      /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/merge$/.exec(url);
    if (req.method === 'PUT' && (github || gitlab)) {
      const key = github
        ? `${github[1]}/${github[2]}#${github[3]}`
        : `${decodeURIComponent(gitlab![1])}!${gitlab![2]}`;
      const head = heads.get(key);
      if (!head) return send(404, { message: 'Not Found' });
      if (unmergeable.has(key)) {
        return send(405, {
          message: github
            ? 'Pull Request is not mergeable'
            : '405 Method Not Allowed',
        });
      }
      if (body?.sha && body.sha !== head) {
        return send(409, {
          message: github
            ? 'Head branch was modified. Review and try the merge again.'
            : `SHA does not match HEAD of source branch: ${head}`,
        });
      }
      const mergeSha = `${head.slice(0, 20)}${'f'.repeat(20)}`;
      return github
        ? send(200, {
            sha: mergeSha,
            merged: true,
            message: 'Pull Request successfully merged',
          })
        : send(200, {
            iid: Number(gitlab![2]),
            state: 'merged',
            sha: head,
            merge_commit_sha: mergeSha,
          });
    }
    // GitHub contents API and GitLab repository files API, base64 content.
    const contents =
      /^\/repos\/([^/]+)\/([^/]+)\/contents\/([^?]+)\?ref=main$/.exec(url);
    const files =
      /^\/api\/v4\/projects\/([^/]+)\/repository\/files\/([^?]+)\?ref=main$/.exec(
        url,
      );
    if (req.method === 'GET' && (contents || files)) {
      const key = contents
        ? `${contents[1]}/${contents[2]}:${decodeURIComponent(contents[3])}`
        : `${decodeURIComponent(files![1])}:${decodeURIComponent(files![2])}`;
      const content = mainFiles.get(key);
      if (content === undefined) {
        return send(404, {
          message: contents ? 'Not Found' : '404 File Not Found',
        });
      }
      const encoded = Buffer.from(content).toString('base64');
      return send(
        200,
        contents
          ? { type: 'file', encoding: 'base64', content: encoded }
          : { file_path: files![2], encoding: 'base64', content: encoded },
      );
    }
    if (
      req.method === 'DELETE' &&
      /^\/repos\/[^/]+\/[^/]+\/git\/refs\//.test(url)
    ) {
      return send(204);
    }
    return send(404, { message: 'Not Found' });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    heads,
    mainFiles,
    unmergeable,
    calls,
    close: () =>
      new Promise<void>(resolve => {
        // Clients keep connections alive; end them so the server can close.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
